package search

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureDocs are the articles of the browser tests: English, Ukrainian
// and Russian, error articles with codes among them.
func fixtureDocs() []Doc {
	return []Doc{
		{Lang: "en", URL: "en/errors/access-denied/", Title: "Error 0x80070005: Access is denied", Category: "Errors", Kind: "error",
			Summary: "Windows refuses to open or save a file because your account lacks permission.",
			Errors:  []string{"0x80070005", "Access is denied"},
			Sections: []Section{
				{Text: "The installer or the sync client stops with an access error."},
				{Anchor: "cause", Heading: "Cause", Text: "Your account has no write permission on the folder, or antivirus software locks the file."},
				{Anchor: "fix", Heading: "Fix the permissions", Text: "Open the folder properties, choose Security and give your account Full control. Run the installer as administrator."},
			}},
		{Lang: "en", URL: "en/howto/printer-setup/", Title: "Set up a network printer", Category: "How-to", Kind: "howto",
			Summary: "Add an office printer to your laptop and print a test page.",
			Sections: []Section{
				{Text: "You need the printer's name from the label on its front panel."},
				{Anchor: "add", Heading: "Add the printer", Text: "Open Settings, Devices, Printers and scanners, then choose Add device. Pick the printer from the list."},
				{Anchor: "test", Heading: "Print a test page", Text: "Open the printer queue and print a test page to check the driver."},
			}},
		{Lang: "en", URL: "en/errors/connection-refused/", Title: "ERR_CONNECTION_REFUSED in the browser", Category: "Errors", Kind: "error",
			Summary:  "The browser cannot reach the portal because the connection is refused.",
			Errors:   []string{"ERR_CONNECTION_REFUSED"},
			Sections: []Section{{Anchor: "proxy", Heading: "Check the proxy", Text: "A wrong proxy setting refuses every connection. Turn the proxy off and reload the page."}}},
		{Lang: "en", URL: "en/errors/sync-conflict/", Title: "Sync conflict while uploading", Category: "Errors", Kind: "error",
			Summary:  "Two people changed the same file; the sync client keeps both copies.",
			Errors:   []string{"TB-SYNC-409", "The file was changed on the server while uploading"},
			Sections: []Section{{Anchor: "resolve", Heading: "Resolve the conflict", Text: "Open both copies, merge the changes and delete the conflicted copy. The sync resumes by itself."}}},
		{Lang: "en", URL: "en/errors/http-403/", Title: "HTTP 403 Forbidden on the portal", Category: "Errors", Kind: "error",
			Summary:  "The portal denies the page because your role lacks access.",
			Errors:   []string{"HTTP 403"},
			Sections: []Section{{Anchor: "roles", Heading: "Request a role", Text: "Ask your administrator for the Reader role on the project. The server answers HTTP 403 until then."}}},
		{Lang: "en", URL: "en/howto/license-renew/", Title: "Renew an expired license", Category: "How-to", Kind: "howto",
			Summary:  "Licenses expire after a year; renew yours from the account page.",
			Sections: []Section{{Anchor: "renew", Heading: "Renew online", Text: "Sign in to the account page, open Licenses and choose Renew. The new key arrives by mail."}}},
		{Lang: "en", URL: "en/errors/io-exception/", Title: "System.IO.IOException when saving reports", Category: "Errors", Kind: "error",
			Summary:  "Reports cannot be saved while another program holds the file open.",
			Errors:   []string{"System.IO.IOException"},
			Sections: []Section{{Anchor: "close", Heading: "Close the other program", Text: "Close Excel or any program that has the report open, then save again."}}},
		{Lang: "en", URL: "en/articles/e0382/", Title: "Rust error E0382: borrow of moved value", Category: "Developers", Kind: "article",
			Summary:  "The plugin SDK fails to compile when a value is used after a move.",
			Errors:   []string{"E0382"},
			Sections: []Section{{Anchor: "clone", Heading: "Clone or borrow", Text: "Pass a reference or clone the value before the move."}}},
		{Lang: "en", URL: "en/howto/export-reports/", Title: "Export reports to a spreadsheet", Category: "How-to", Kind: "howto",
			Summary: "Save any report as a workbook, from the menu or from a terminal.",
			Sections: []Section{
				{Anchor: "menu", Heading: "From the menu", Text: "Open the report, choose Export and pick a folder."},
				{Anchor: "terminal", Heading: "From a terminal", Text: "Run the export yourself:\n$ reports export --to q3.xlsx\nerror: cannot open workbook `q3.xlsx` for writing\nThe message means another program holds the workbook open: close it and run the export again.\n"},
			}},
		{Lang: "en", URL: "en/howto/open-workbook/", Title: "Open a workbook you cannot open for writing", Category: "How-to", Kind: "howto",
			Summary:  "A workbook opens read-only when you cannot write to its folder.",
			Sections: []Section{{Anchor: "writing", Heading: "Cannot open for writing", Text: "Ask for write access to the folder, or copy the workbook to your own folder and open it there."}}},
		{Lang: "uk", URL: "uk/errors/print-error/", Title: "Помилка друку", Category: "Помилки", Kind: "error",
			Summary: "Документ зависає в черзі, а на екрані з'являється повідомлення про помилку.",
			Sections: []Section{
				{Text: "Така помилка буває, коли принтер втратив з'єднання з мережею."},
				{Anchor: "restart", Heading: "Перезапустіть принтер", Text: "Вимкніть принтер на хвилину й увімкніть знову. Якщо помилки повторюються, очистіть чергу друку."},
			}},
		{Lang: "uk", URL: "uk/howto/printer/", Title: "Як налаштувати принтер", Category: "Інструкції", Kind: "howto",
			Summary: "Додайте офісний принтер до ноутбука й надрукуйте пробну сторінку.",
			Sections: []Section{
				{Anchor: "add", Heading: "Додайте принтер", Text: "Відкрийте Параметри, Пристрої, Принтери та сканери. Виберіть принтер зі списку."},
				{Anchor: "test", Heading: "Пробна сторінка", Text: "Щоб перевірити драйвер, друкуйте пробну сторінку з черги принтера."},
			}},
		{Lang: "uk", URL: "uk/errors/access-denied/", Title: "Помилка 0x80070005: відмовлено в доступі", Category: "Помилки", Kind: "error",
			Summary:  "Windows не може зберегти файл, бо вашому обліковому запису бракує прав.",
			Errors:   []string{"0x80070005"},
			Sections: []Section{{Anchor: "fix", Heading: "Виправте права доступу", Text: "Відкрийте властивості папки й надайте своєму обліковому запису повний доступ."}}},
		{Lang: "uk", URL: "uk/howto/phone-print/", Title: "Друк із телефону", Category: "Інструкції", Kind: "howto",
			Summary:  "Надішліть документ на офісний друкар із телефону.",
			Sections: []Section{{Anchor: "fail", Heading: "Якщо не друкує", Text: "Телефон показує:\nПомилка: пристрій не відповідає на запит\nПідключіть телефон до тієї ж мережі Wi-Fi."}}},
		{Lang: "uk", URL: "uk/howto/device-reply/", Title: "Пристрій не відповідає на запит: що перевірити", Category: "Інструкції", Kind: "howto",
			Summary:  "Коли пристрій не відповідає на запит, перевірте живлення й мережу.",
			Sections: []Section{{Anchor: "check", Heading: "Перевірка", Text: "Перезапустіть пристрій і роутер."}}},
		{Lang: "uk", URL: "uk/howto/password/", Title: "Як змінити пароль", Category: "Інструкції", Kind: "howto",
			Summary:  "Пароль діє дев'яносто днів; змініть його на сторінці облікового запису.",
			Sections: []Section{{Anchor: "steps", Heading: "Кроки", Text: "Увійдіть, відкрийте Безпека й виберіть Змінити пароль. Новий пароль має містити дванадцять символів."}}},
		{Lang: "ru", URL: "ru/errors/printer/", Title: "Ошибка печати на принтере", Category: "Ошибки", Kind: "error",
			Summary:  "Документ застревает в очереди печати.",
			Sections: []Section{{Anchor: "restart", Heading: "Перезапустите принтер", Text: "Выключите принтер на минуту и включите снова. Если ошибка повторяется, очистите очередь."}}},
		{Lang: "ru", URL: "ru/howto/password/", Title: "Как сменить пароль", Category: "Инструкции", Kind: "howto",
			Summary:  "Пароль действует девяносто дней.",
			Sections: []Section{{Anchor: "steps", Heading: "Шаги", Text: "Войдите, откройте раздел Безопасность и выберите Сменить пароль."}}},
		{Lang: "ru", URL: "ru/howto/sync/", Title: "Синхронизация файлов", Category: "Инструкции", Kind: "howto",
			Summary:  "Клиент синхронизации копирует файлы между компьютером и сервером.",
			Sections: []Section{{Anchor: "folders", Heading: "Выбор папок", Text: "Откройте настройки клиента и отметьте папки для синхронизации."}}},
		{Lang: "ru", URL: "ru/howto/update/", Title: "Как обновить клиент", Category: "Инструкции", Kind: "howto",
			Summary:  "Новая версия выходит раз в месяц.",
			Sections: []Section{{Anchor: "steps", Heading: "Шаги", Text: "Откройте магазин приложений и нажмите Обновить."}}},
	}
}

// writeSite builds the index of docs and writes it, the client and one
// search page per language (following the theme's DOM contract) into dir.
func writeSite(t testing.TB, dir string, docs []Doc) *Index {
	t.Helper()
	idx, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	write := func(p string, b []byte) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range idx.Files {
		write(f.Path, f.Data)
	}
	write("assets/search.js", Client())
	labels := map[string][2]string{"en": {"Search", "Find"}, "uk": {"Пошук", "Знайти"}, "ru": {"Поиск", "Найти"}}
	var langs []string
	for lang := range idx.Boot {
		langs = append(langs, lang)
	}
	for lang, boot := range BootFiles(langs) {
		l := labels[lang]
		page := fmt.Sprintf(`<!doctype html>
<html lang="%[1]s"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>%[2]s</title></head><body>
<form class="search" role="search" action="./" data-root="../../" data-lang="%[1]s">
  <label for="search-q">%[2]s</label>
  <input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false"
         aria-controls="search-results" aria-describedby="search-status">
  <button type="submit">%[3]s</button>
</form>
<div id="search-status" class="search-status" role="status" aria-live="polite"></div>
<ol id="search-results" class="search-results"></ol>
<script src="../../assets/search.js" defer></script>
<script src="../../%[4]s" defer></script>
</body></html>
`, lang, html.EscapeString(l[0]), html.EscapeString(l[1]), boot)
		write(lang+"/search/index.html", []byte(page))
	}
	return idx
}

func readWords(t testing.TB, lang string) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/words-" + lang + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

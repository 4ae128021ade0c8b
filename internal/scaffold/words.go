package scaffold

import "deskbook/builder"

// words is the fixed text of a new article in one language: the skeleton
// of each kind, and the hints a writer reads and replaces. An article is
// written in its language, so its scaffold is too.
type words struct {
	bodies map[builder.Kind]string

	errorsNote  string // after errors: in a new article
	affectsNote string // after affects: in a new changelog entry

	// A translation's front matter and body.
	from           string // the comment opening it: "translation of %s"
	titleNote      string // after the original's title
	summaryNote    string // after the original's summary
	errorsCopied   string // after the original's errors:
	translateIntro string // in place of the text before the first heading
	translate      string // under each heading
	draftNote      string // after draft: true
}

// wordsFor returns the words of a language: English, Ukrainian and
// Russian are written; any other language gets English.
func wordsFor(lang string) words {
	switch lang {
	case "uk":
		return ukWords
	case "ru":
		return ruWords
	}
	return enWords
}

var enWords = words{
	bodies: map[builder.Kind]string{
		builder.KindError:     "What the message means, in one or two sentences.\n\n## Why it happens\n\n## How to fix it\n\n1. \n\n## If it still does not work\n\nContact support and send the exact text of the message.\n",
		builder.KindHowTo:     "What this helps you do.\n\n## Steps\n\n1. \n",
		builder.KindChecklist: "Go through these steps in order.\n\n- [ ] \n- [ ] \n",
		builder.KindChangelog: "## Added\n\n## Changed\n\n## Fixed\n",
		builder.KindArticle:   "\n",
	},
	errorsNote:     "the exact codes and texts a reader may paste",
	affectsNote:    "ids of articles this release changes",
	from:           "translation of %s: translate the title, the summary and every section",
	titleNote:      "translate: the original's title",
	summaryNote:    "translate: the original's summary",
	errorsCopied:   "the original's texts: add those the product shows in this language",
	translateIntro: "Translate the introduction.",
	translate:      "Translate this section.",
	draftNote:      "delete this line once translated: until then build leaves it out, serve --drafts shows it",
}

var ukWords = words{
	bodies: map[builder.Kind]string{
		builder.KindError:     "Що означає це повідомлення, одним-двома реченнями.\n\n## Чому так буває\n\n## Як виправити\n\n1. \n\n## Якщо не допомогло\n\nНапишіть у підтримку й надішліть точний текст повідомлення.\n",
		builder.KindHowTo:     "Що ця інструкція допоможе зробити.\n\n## Кроки\n\n1. \n",
		builder.KindChecklist: "Виконайте ці кроки по черзі.\n\n- [ ] \n- [ ] \n",
		builder.KindChangelog: "## Додано\n\n## Змінено\n\n## Виправлено\n",
		builder.KindArticle:   "\n",
	},
	errorsNote:     "точні коди й тексти, які читач може вставити",
	affectsNote:    "id статей, які змінює цей випуск",
	from:           "переклад %s: перекладіть заголовок, опис і кожен розділ",
	titleNote:      "перекладіть: це заголовок оригіналу",
	summaryNote:    "перекладіть: це опис оригіналу",
	errorsCopied:   "тексти з оригіналу: додайте ті, що програма показує цією мовою",
	translateIntro: "Перекладіть вступ.",
	translate:      "Перекладіть цей розділ.",
	draftNote:      "видаліть цей рядок, коли перекладете: доти build його не публікує, serve --drafts показує",
}

var ruWords = words{
	bodies: map[builder.Kind]string{
		builder.KindError:     "Что означает это сообщение, в одном-двух предложениях.\n\n## Почему так бывает\n\n## Как исправить\n\n1. \n\n## Если не помогло\n\nНапишите в поддержку и пришлите точный текст сообщения.\n",
		builder.KindHowTo:     "Что эта инструкция поможет сделать.\n\n## Шаги\n\n1. \n",
		builder.KindChecklist: "Выполните эти шаги по порядку.\n\n- [ ] \n- [ ] \n",
		builder.KindChangelog: "## Добавлено\n\n## Изменено\n\n## Исправлено\n",
		builder.KindArticle:   "\n",
	},
	errorsNote:     "точные коды и тексты, которые читатель может вставить",
	affectsNote:    "id статей, которые меняет этот выпуск",
	from:           "перевод %s: переведите заголовок, описание и каждый раздел",
	titleNote:      "переведите: это заголовок оригинала",
	summaryNote:    "переведите: это описание оригинала",
	errorsCopied:   "тексты из оригинала: добавьте те, что программа показывает на этом языке",
	translateIntro: "Переведите вступление.",
	translate:      "Переведите этот раздел.",
	draftNote:      "удалите эту строку, когда переведёте: до тех пор build его не публикует, serve --drafts показывает",
}

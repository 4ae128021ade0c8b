package sitetest

// Sites shared by the tests of several packages.

// Small is a one-language site with an error article, a checklist, a
// plain article and a changelog entry, links between them, a callout,
// code and raw HTML.
const Small = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/docs/"
product: Acme
version: "1.2.0"
languages:
  - code: en
    name: English
support: "mailto:help@acme.example"
-- errors/_category.yaml --
title: "Error messages"
order: 1
description: "What errors mean."
-- errors/disk-full.md --
---
title: "Error E42: disk is full"
id: 42
kind: error
summary: "The disk has no room left."
errors: ["E42", "Disk is full"]
tags: [disk, storage]
updated: 2026-10-01
---
The app stopped writing.

## Why it happens

Files grew.

## How to fix it

1. Free space. See [the checklist](../checks/before-you-call.md#restart-the-app).
2. Restart, as in [our short link](/a/7/#restart-the-app).

## When to call us

Send the [log](#how-to-fix-it).

> [!WARNING]
> Do not delete the **database** folder.

` + "```go\nfunc main() {}\n```" + `
-- checks/before-you-call.md --
---
title: "Before you call"
id: 7
kind: checklist
summary: "Quick checks."
tags: [storage]
---
## Restart the app

- [ ] Close the app
- [x] Open it again

## Restart the computer

Text with <b>raw</b> HTML.

<!-- A note for writers: check the model names. -->
-- checks/zebra.md --
---
title: "Zebra article"
id: 8
---
Last in order.
-- changelog/v1-2.md --
---
title: "Acme 1.2.0"
id: 100
kind: changelog
version: "1.2.0"
date: 2026-09-01
affects: [42]
---
## Fixed

- Disk checks.
`

// Print has what the print book must get right: two categories, links
// between articles by path, by short link and to a section, a link to a
// release note (which the book leaves out), footnotes in two articles,
// code, a checklist and an image.
const Print = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/docs/"
product: Acme
version: "1.2.0"
languages:
  - code: en
    name: English
-- errors/_category.yaml --
title: "Error messages"
order: 1
description: "What errors mean."
-- errors/disk-full.md --
---
title: "Error E42: disk is full"
id: 42
kind: error
summary: "The disk has no room left."
errors: ["E42"]
---
The app stopped writing.[^1]

## How to fix it

1. Free space. See [the checklist](../checks/before-you-call.md#restart-the-app).
2. Restart, as in [our short link](/a/7/).
3. Read [what changed](../changelog/v1-2.md) and [the log](#how-to-fix-it).

![The disk meter](meter.png)

[^1]: Since 1.2.0.

` + "```go\nfunc main() { fmt.Println(\"<hi>\") }\n```" + `
-- errors/meter.png --
PNG
-- checks/_category.yaml --
title: "Checks"
order: 2
-- checks/before-you-call.md --
---
title: "Before you call"
id: 7
kind: checklist
---
## Restart the app

- [ ] Close the app
- [x] Open it again

Done.[^1]

[^1]: Really.
-- changelog/v1-2.md --
---
title: "Acme 1.2.0"
id: 100
kind: changelog
version: "1.2.0"
date: 2026-09-01
---
Fixed.
`

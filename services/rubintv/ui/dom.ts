/// <reference lib="dom" />
// DOM helpers. Text goes in only as text nodes (never innerHTML), so producer
// metadata can never become markup; attributes are a fixed list (no on*, no style).
export type Child = Node | string | number | null | undefined | false

const ATTRS = new Set(['class', 'title', 'href', 'id', 'type', 'value', 'src', 'name', 'for', 'role', 'colspan'])

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue
    if (name.startsWith('data-') || ATTRS.has(name)) node.setAttribute(name, value)
  }
  append(node, ...children)
  return node
}

export function append(node: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild)
}

export function replace(node: Node, ...children: Child[]): void {
  clear(node)
  append(node, ...children)
}

/** A modal dialog; resolves when closed. */
export function modal(title: string, body: Node, actions: Child[] = []): HTMLDialogElement {
  const close = el('button', { type: 'button', class: 'close' }, 'Close')
  const dialog = el(
    'dialog',
    { class: 'modal' },
    el('h3', {}, title),
    body,
    el('div', { class: 'actions' }, ...actions, close),
  )
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => dialog.remove())
  document.body.appendChild(dialog)
  dialog.showModal()
  return dialog
}

export function confirmDialog(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = el('button', { type: 'button', class: 'danger confirm' }, 'Yes, do it')
    const dialog = modal('Please confirm', el('p', {}, question), [yes])
    let answered = false
    yes.addEventListener('click', () => {
      answered = true
      dialog.close()
    })
    dialog.addEventListener('close', () => resolve(answered))
  })
}

export function query(name: string): string | undefined {
  return new URLSearchParams(location.search).get(name) ?? undefined
}

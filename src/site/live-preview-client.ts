// Runs in the browser on preview pages only (the published pages need no JavaScript). In the admin's
// Live Preview pane it tells the admin it is ready, and after every save or autosave the admin
// reports, fetches the page again (same signed link) and swaps in the new <main>.
import { isDocumentEvent, ready } from '@payloadcms/live-preview'

const serverURL = (document.currentScript as HTMLScriptElement | null)?.dataset.adminOrigin || window.location.origin

ready({ serverURL })

window.addEventListener('message', async (event) => {
  if (!isDocumentEvent(event, serverURL)) return
  const response = await fetch(window.location.href, { cache: 'no-store', credentials: 'omit' })
  if (!response.ok) return
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main')
  document.querySelector('main')?.replaceWith(fresh ?? document.createElement('main'))
})

// The private link carries "#<reference>.<tracking code>" in its fragment, which browsers never
// send to a server. Read it, take it out of the address bar and history at once, and post it
// with the form (the site keeps the code in its session). Without JavaScript the resident types
// the code instead.
const form = document.getElementById('follow-form')
const fragment = window.location.hash.slice(1)
if (fragment) {
  window.history.replaceState(null, '', window.location.pathname + window.location.search)
}
const dot = fragment.indexOf('.')
if (form && dot > 0) {
  form.elements.reference.value = decodeURIComponent(fragment.slice(0, dot))
  form.elements['tracking-code'].value = decodeURIComponent(fragment.slice(dot + 1))
  form.submit()
}

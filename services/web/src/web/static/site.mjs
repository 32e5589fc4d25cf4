// Progressive enhancement only: every page works without this file.
// The GOV.UK Frontend components are started once the body says JavaScript is on.
document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) {
  document.body.classList.add('govuk-frontend-supported')
}
const { initAll } = await import('/static/govuk/govuk-frontend.min.js')
initAll()

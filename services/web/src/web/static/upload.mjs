// Upload progress for evidence files. Without JavaScript the form posts as usual.
const form = document.getElementById('evidence-form')
const progress = document.getElementById('upload-progress')
const bar = document.getElementById('upload-progress-bar')
if (form && progress && bar && window.FormData && window.XMLHttpRequest) {
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const request = new XMLHttpRequest()
    request.open('POST', form.action)
    request.responseType = 'document'
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total)
    })
    request.addEventListener('load', () => {
      if (request.status === 200 && request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL)
      } else if (request.response) {
        document.documentElement.replaceWith(request.response.documentElement)
      }
    })
    request.addEventListener('error', () => form.submit())
    progress.hidden = false
    form.querySelector('button[type=submit]').disabled = true
    request.send(new FormData(form))
  })
}

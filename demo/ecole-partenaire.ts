// The school shows a course of its list on the same page: the cards link to
// `?formation={id}#fiche`, and this script opens that course above the list.
const id = new URLSearchParams(location.search).get('formation')?.trim();
const fiche = document.getElementById('fiche');
const detail = fiche?.querySelector('course-detail');

if (id && fiche && detail) {
  detail.setAttribute('course-id', id);
  fiche.hidden = false;
  // The browser looked for #fiche before it was shown.
  if (location.hash === '#fiche') fiche.scrollIntoView();
  detail.addEventListener('campus-load', (event) => {
    const title = event.detail.course?.title;
    if (title) document.title = `${title} – École nationale de la magistrature`;
  });
}

// A module: its names stay its own.
export {};

// The academy shows one programme above the list: the cards link to
// `?programme={id}#fiche`, and this script opens that programme.
const id = new URLSearchParams(location.search).get('programme')?.trim();
const fiche = document.getElementById('fiche');
const detail = fiche?.querySelector('course-detail');

if (id && fiche && detail) {
  detail.setAttribute('course-id', id);
  fiche.hidden = false;
  // The browser looked for #fiche before it was shown.
  if (location.hash === '#fiche') fiche.scrollIntoView();
  detail.addEventListener('campus-load', (event) => {
    const title = event.detail.course?.title;
    if (title) document.title = `${title} – Académie de la transformation numérique`;
  });
}

// A module: its names stay its own.
export {};

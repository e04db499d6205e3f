// A host page that shows one course above its list: the cards link to
// `?<param>={id}#fiche`, and this script opens that course in the page's
// `#fiche` block. The block names its parameter and the site in data attributes.
const fiche = document.getElementById('fiche');
const detail = fiche?.querySelector('course-detail');
const id = new URLSearchParams(location.search).get(fiche?.dataset.courseParam ?? 'formation')?.trim();

if (id && fiche && detail) {
  detail.setAttribute('course-id', id);
  fiche.hidden = false;
  // The browser looked for #fiche before it was shown.
  if (location.hash === '#fiche') fiche.scrollIntoView();
  detail.addEventListener('campus-load', (event) => {
    const title = event.detail.course?.title;
    if (title) document.title = `${title} – ${fiche.dataset.site ?? document.title}`;
  });
}

// A module: its names stay its own.
export {};

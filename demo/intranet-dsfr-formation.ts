// The intranet's course page: the course comes from the address (?id=…), as
// the catalogue's `course-href="./intranet-dsfr-formation.html?id={id}"` writes it.
const SITE = 'Intranet du ministère de l’Exemple';

const detail = document.querySelector('course-detail');
const id = new URLSearchParams(location.search).get('id')?.trim();

// Back to the catalogue with the reader's filters (sync-url keeps them in its address).
const back = document.referrer ? new URL(document.referrer) : undefined;
if (back && back.origin === location.origin && back.pathname.endsWith('/intranet-dsfr.html')) {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#retour-catalogue, #lien-catalogue')) {
    link.href = back.href;
  }
}

if (!detail) {
  // Nothing to do: the page was edited.
} else if (!id) {
  detail.remove();
  document.getElementById('sans-formation')?.removeAttribute('hidden');
  document.title = `Aucune formation choisie – ${SITE}`;
} else {
  detail.addEventListener('campus-load', (event) => {
    const title = event.detail.course?.title;
    if (!title) return;
    document.title = `${title} – ${SITE}`;
    const crumb = document.getElementById('fil-formation');
    if (crumb) crumb.textContent = title;
  });
  detail.addEventListener('campus-error', () => {
    document.title = `Formation indisponible – ${SITE}`;
  });
  detail.setAttribute('course-id', id);
}

// A module: its names stay its own.
export {};

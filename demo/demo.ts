// The demo's course page follows the catalogue: a selected course opens in the detail below.
const params = new URLSearchParams(location.search);
const id = params.get('formation');
if (id) {
  for (const el of document.querySelectorAll('course-detail, enrol-form')) el.setAttribute('course-id', id);
}

// The theme switch: one of themes/*.css, and DSFR's dark mode, kept for the next visit.
const THEMES = ['dsfr', 'quebec', 'neutral'];
const form = document.getElementById('theme-form') as HTMLFormElement | null;
const choice = form?.elements.namedItem('theme') as HTMLSelectElement | null;
const dark = form?.elements.namedItem('dark') as HTMLInputElement | null;

function stored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

function applyTheme(theme: string, isDark: boolean): void {
  let link = document.getElementById('theme-css') as HTMLLinkElement | null;
  if (THEMES.includes(theme)) {
    if (!link) {
      link = document.createElement('link');
      link.id = 'theme-css';
      link.rel = 'stylesheet';
      // Before demo.css, as a host would load it.
      const first = document.head.querySelector('link[rel="stylesheet"]');
      if (first) first.before(link);
      else document.head.append(link);
    }
    link.href = `/themes/${theme}.css`;
  } else {
    link?.remove();
  }
  if (isDark) document.documentElement.setAttribute('data-fr-theme', 'dark');
  else document.documentElement.removeAttribute('data-fr-theme');
}

if (form && choice && dark) {
  const theme = stored('campus-demo-theme');
  choice.value = THEMES.includes(theme) ? theme : '';
  dark.checked = stored('campus-demo-dark') === '1';
  applyTheme(choice.value, dark.checked);
  form.addEventListener('change', () => {
    store('campus-demo-theme', choice.value);
    store('campus-demo-dark', dark.checked ? '1' : '');
    applyTheme(choice.value, dark.checked);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
}

// A module: its names stay its own.
export {};

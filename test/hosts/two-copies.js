// The host's module: a second copy of the drop-in bundle (another URL, so
// another module instance with its own Lit), registered under its own prefix.
// Its own import of the bundle also registers the default tags: they are
// taken by the first copy, so it warns once per tag and skips them.
import { define } from '{{CDN}}/campus-widgets.min.js?copy=2';

define({ prefix: 'copy' });

// @ts-check
/**
 * Opening a link that carries its access token in the fragment (`…/#token=…`).
 *
 * A fragment never leaves the browser: no access log (ours, a parent application's, a
 * proxy's) and no Referer ever contains it. Our server answers the first request with the
 * "Access token required" page, which loads this script; it takes the token out of the
 * address bar, presents it once in an `Authorization` header of a GET of the same URL (a header a page on another
 * site cannot send: no login CSRF), and on success reloads the same URL, now with the login
 * cookie. Loaded as a classic script from our own origin (the page's CSP allows no inline
 * script).
 */
(function exchangeFragmentToken() {
  const match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
  if (!match) return;
  let token;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return;
  }
  const url = window.location.pathname + window.location.search;
  history.replaceState(history.state, '', url);
  /** @param {string} text */
  const say = (text) => {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = text;
    document.body.append(p);
  };
  fetch(url, {
    method: 'GET',
    headers: { Authorization: 'Bearer ' + token, 'X-Pgwidgets-Token-Exchange': '1' },
    credentials: 'same-origin',
    cache: 'no-store',
  }).then((answer) => {
    if (answer.status === 204) window.location.replace(url);
    else if (answer.status === 429) say('Too many attempts: wait a minute, then open the link again.');
    else say('The access token in this link was not accepted.');
  }, () => say('The server could not be reached.'));
})();

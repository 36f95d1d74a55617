// Faultline console: a hash-routed page over the JSON API under /api/.
//
// Everything shown comes from the database, and error messages, logger names, context and
// request paths are text an attacker may choose. So the page is built with createElement and
// text nodes only: this file never assigns innerHTML/outerHTML, never calls insertAdjacentHTML
// or document.write, and never builds a URL or attribute from data except through
// encodeURIComponent inside our own "#/..." links. The server's Content-Security-Policy allows
// this script only, as a second line of defence.
(function () {
  'use strict';

  var main = document.getElementById('main');
  var toastBox = document.getElementById('toast');
  var whoInput = document.getElementById('who');
  var tokenBox = document.getElementById('token-box');
  var tokenInput = document.getElementById('token');
  var SEVERITIES = ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'];
  var STATUSES = ['unresolved', 'resolved', 'ignored'];
  var renderCount = 0;

  // ---- DOM helpers ------------------------------------------------------------------------

  /** h('td', {className: 'num'}, 'text', node, ...): children are text (escaped by the DOM) or nodes. */
  function h(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'on') {
          Object.keys(props.on).forEach(function (ev) { node.addEventListener(ev, props.on[ev]); });
        } else if (k === 'data') {
          Object.keys(props.data).forEach(function (d) { node.dataset[d] = props.data[d]; });
        } else {
          node[k] = props[k];
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }

  /** A link inside the console; the id goes through encodeURIComponent, never raw into the href. */
  function link(route, id, label, className) {
    return h('a', {href: '#/' + route + '/' + encodeURIComponent(text(id)), className: className || ''}, label);
  }

  function show(nodes) {
    while (main.firstChild) {
      main.removeChild(main.firstChild);
    }
    append(main, nodes);
  }

  var toastTimer = null;
  function toast(message, bad) {
    toastBox.textContent = message;
    toastBox.className = 'show' + (bad ? ' bad' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastBox.className = ''; }, 3500);
  }

  // ---- formatting -------------------------------------------------------------------------

  function when(iso) {
    if (!iso) {
      return h('span', {className: 'muted'}, '-');
    }
    var t = new Date(iso);
    if (isNaN(t.getTime())) {
      return h('span', null, text(iso));
    }
    var seconds = Math.round((Date.now() - t.getTime()) / 1000);
    var label;
    if (seconds < 60) {
      label = 'just now';
    } else if (seconds < 3600) {
      label = Math.floor(seconds / 60) + ' min ago';
    } else if (seconds < 86400) {
      label = Math.floor(seconds / 3600) + ' h ago';
    } else if (seconds < 86400 * 30) {
      label = Math.floor(seconds / 86400) + ' d ago';
    } else {
      label = t.toISOString().slice(0, 10);
    }
    return h('span', {title: t.toISOString()}, label);
  }

  function fullTime(iso) {
    if (!iso) {
      return '-';
    }
    var t = new Date(iso);
    return isNaN(t.getTime()) ? text(iso) : t.toISOString().replace('T', ' ').replace('Z', ' UTC');
  }

  function severity(name) {
    var known = SEVERITIES.indexOf(name) >= 0 ? name : '';
    return h('span', {className: 'sev ' + known}, text(name));
  }

  function status(value) {
    var known = STATUSES.indexOf(value) >= 0 ? value : '';
    return h('span', {className: 'badge ' + known}, text(value || 'unknown'));
  }

  function where(doc) {
    var parts = [];
    if (doc.file) {
      var f = text(doc.file);
      parts.push(f.substring(f.lastIndexOf('/') + 1) + (doc.line > 0 ? ':' + doc.line : ''));
    }
    if (doc.function) {
      parts.push(text(doc.function));
    }
    return parts.join(' ');
  }

  function trend(counts, big) {
    var box = h('div', {className: 'trend' + (big ? ' big' : ''), title: 'occurrences per day, last 14 days'});
    if (!Array.isArray(counts)) {
      return box;
    }
    var max = Math.max.apply(null, counts.concat([1]));
    counts.forEach(function (n, i) {
      var day = new Date(Date.now() - (counts.length - 1 - i) * 86400000).toISOString().slice(0, 10);
      var bar = h('span', {className: n > 0 ? '' : 'zero', title: day + ': ' + n});
      // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
      bar.style.height = (n > 0 ? Math.max(8, Math.round(100 * n / max)) : 4) + '%';
      box.appendChild(bar);
    });
    return box;
  }

  // ---- API --------------------------------------------------------------------------------

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k] !== '' && params[k] !== null && params[k] !== undefined) {
        parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(params[k]));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function api(path, params) {
    return fetch('/api/' + path + query(params || {}), {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
      .then(answer);
  }

  function post(path, body) {
    var headers = {'Content-Type': 'application/json', Accept: 'application/json'};
    var token = sessionStorage.getItem('faultline.token');
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    return fetch('/api/' + path, {method: 'POST', headers: headers, body: JSON.stringify(body || {}), credentials: 'same-origin'})
      .then(function (r) {
        if (r.status === 401) {
          tokenBox.hidden = false;
          tokenInput.focus();
        }
        return answer(r);
      });
  }

  function answer(r) {
    return r.json().then(function (body) {
      if (!r.ok) {
        var e = new Error(body && body.error ? body.error : 'HTTP ' + r.status);
        e.status = r.status;
        e.expected = body && typeof body.expected === 'string' ? body.expected : null;
        throw e;
      }
      return body;
    }, function () {
      throw new Error('HTTP ' + r.status);
    });
  }

  function failed(e) {
    show(h('div', {className: 'empty'}, 'Could not load: ' + text(e.message)));
  }

  function who() {
    return whoInput.value.trim() || null;
  }

  /**
   * A resolve/unresolve/ignore button that posts, says what happened, and redraws the page. The
   * "Resolve as" name is read when the button is clicked, not when the page was drawn.
   */
  function action(label, path, named, primary, disabled) {
    return h('button', {
      type: 'button', className: primary ? 'primary' : '', disabled: !!disabled,
      data: {action: label.toLowerCase()},
      on: {click: function (ev) {
        ev.target.disabled = true;
        post(path, named ? {resolved_by: who()} : {}).then(function (r) {
          toast(label + ': ' + text(r.status) + (r.occurrences_resolved ? ' (' + r.occurrences_resolved + ' occurrences)' : ''));
          route();
        }, function (e) {
          ev.target.disabled = false;
          toast(label + ' failed: ' + e.message, true);
        });
      }}
    }, label);
  }

  // ---- routing ----------------------------------------------------------------------------

  function parseHash() {
    var hash = location.hash.replace(/^#\/?/, '');
    var q = hash.indexOf('?');
    var path = (q < 0 ? hash : hash.slice(0, q)).split('/').map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return ''; }
    });
    var params = {};
    if (q >= 0) {
      hash.slice(q + 1).split('&').forEach(function (pair) {
        if (!pair) { return; }
        var eq = pair.indexOf('=');
        try {
          params[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] = decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1));
        } catch (e) { /* a mangled parameter is dropped */ }
      });
    }
    return {view: path[0] || 'groups', id: path[1], params: params};
  }

  function go(view, params) {
    location.hash = '#/' + view + query(params);
  }

  function route() {
    var r = parseHash();
    var views = {groups: groupsView, group: groupView, errors: errorsView, error: errorView, codes: codesView, alerts: alertsView,
      'grouping-rules': groupingRulesView, health: healthView};
    var view = views[r.view] || groupsView;
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      var v = a.dataset.view;
      a.className = (v === r.view || v + 's' === r.view || v === r.view + 's') ? 'active' : '';
    });
    renderCount++;
    view(r.id, r.params, renderCount);
  }

  /** Drops answers for a page the user has already left. */
  function current(n) {
    return n === renderCount;
  }

  // ---- filters and paging ----------------------------------------------------------------

  /**
   * The filter bar: one input per field; {@code kept} names route parameters that have no input
   * (set by a link, e.g. a group's fingerprint) and survive Apply.
   */
  function filterForm(view, params, fields, kept) {
    var inputs = {};
    var form = h('form', {className: 'filters', on: {submit: function (ev) {
      ev.preventDefault();
      var next = {};
      (kept || []).forEach(function (k) { if (params[k]) { next[k] = params[k]; } });
      Object.keys(inputs).forEach(function (k) { next[k] = inputs[k].value.trim(); });
      go(view, next);
    }}});
    fields.forEach(function (f) {
      var input;
      if (f.options) {
        input = h('select', {name: f.name});
        f.options.forEach(function (o) {
          input.appendChild(h('option', {value: o[0], selected: text(params[f.name] === undefined ? f.value : params[f.name]) === o[0]}, o[1]));
        });
      } else {
        input = h('input', {type: f.type || 'text', name: f.name, placeholder: f.placeholder || '', value: text(params[f.name])});
      }
      inputs[f.name] = input;
      form.appendChild(h('label', null, f.label, input));
    });
    form.appendChild(h('button', {type: 'submit', className: 'primary'}, 'Apply'));
    return form;
  }

  /** The API's parameters for a route's: {@code context=key=value} becomes {@code context.key=value}; null when malformed. */
  function apiParams(params) {
    var out = Object.assign({}, params);
    if (out.context) {
      var eq = out.context.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      out['context.' + out.context.substring(0, eq)] = out.context.substring(eq + 1);
    }
    delete out.context;
    return out;
  }

  function pager(view, params, data) {
    var page = parseInt(params.page || '1', 10) || 1;
    var size = parseInt(params.page_size || '50', 10) || 50;
    var first = data.count === 0 ? 0 : (page - 1) * size + 1;
    var last = (page - 1) * size + data.results.length;
    function to(p) {
      var next = Object.assign({}, params, {page: p > 1 ? String(p) : ''});
      return function () { go(view, next); };
    }
    return h('div', {className: 'pager'},
      h('span', null, first + '\u2013' + last + ' of ' + data.count),
      h('button', {type: 'button', disabled: !data.previous, on: {click: to(page - 1)}}, 'Previous'),
      h('button', {type: 'button', disabled: !data.next, on: {click: to(page + 1)}}, 'Next'));
  }

  function table(headers, rows, emptyText) {
    if (!rows.length) {
      return h('div', {className: 'empty'}, emptyText);
    }
    return h('table', {className: 'list'},
      h('thead', null, h('tr', null, headers.map(function (t) { return h('th', null, t); }))),
      h('tbody', null, rows));
  }

  // ---- views ------------------------------------------------------------------------------

  function groupsView(_, params, n) {
    var p = Object.assign({status: 'unresolved', ordering: '-last_seen'}, params);
    if (p.status === 'all') {
      delete p.status;
    }
    var form = filterForm('groups', params, [
      {name: 'status', label: 'Status', value: 'unresolved', options: [['unresolved', 'Unresolved'], ['resolved', 'Resolved'], ['ignored', 'Ignored'], ['all', 'All']]},
      {name: 'app', label: 'App', placeholder: 'exact app name'},
      {name: 'search', label: 'Search', type: 'search', placeholder: 'title, type, file, function'},
      {name: 'ordering', label: 'Order', value: '-last_seen', options: [['-last_seen', 'Last seen'], ['-count', 'Most frequent'], ['-first_seen', 'Newest'], ['first_seen', 'Oldest']]}
    ]);
    show([form, h('p', {className: 'muted'}, 'Loading\u2026')]);
    api('error-groups/', p).then(function (data) {
      if (!current(n)) { return; }
      var rows = data.results.map(function (g) {
        return h('tr', {className: 'row', data: {id: text(g._id)}},
          h('td', null, link('group', g._id, text(g.title || g.exception_type || g._id), 'title'),
            h('div', {className: 'sub'}, [text(g.exception_type), where(g)].filter(Boolean).join(' \u00b7 '))),
          h('td', null, text(g.app)),
          h('td', {className: 'num'}, text(g.count)),
          h('td', {className: 'nowrap'}, when(g.last_seen)),
          h('td', null, trend(g.trend)),
          h('td', null, status(g.status)));
      });
      show([form, table(['Error', 'App', 'Events', 'Last seen', '14 days', 'Status'], rows, 'No error groups match.'), pager('groups', params, data)]);
    }, function (e) { if (current(n)) { show([form, h('div', {className: 'empty'}, text(e.message))]); } });
  }

  function groupView(id, _, n) {
    api('error-groups/' + encodeURIComponent(id) + '/').then(function (g) {
      if (!current(n)) { return; }
      var base = 'error-groups/' + encodeURIComponent(id) + '/';
      var rows = (g.occurrences || []).map(function (o) {
        return h('tr', {className: 'row'},
          h('td', {className: 'nowrap'}, link('error', o._id, fullTime(o.timestamp))),
          h('td', null, severity(o.severity)),
          h('td', {className: 'msg'}, text(o.message)),
          h('td', {className: 'sub'}, [text(o.service), text(o.host)].filter(Boolean).join(' @ ')),
          h('td', null, o.resolved ? status('resolved') : ''));
      });
      show([
        h('a', {className: 'back', href: '#/groups'}, '\u2190 Groups'),
        h('div', {className: 'head'},
          h('div', null, h('h1', null, text(g.title || g._id)), status(g.status)),
          h('div', {className: 'actions'},
            action('Resolve', base + 'resolve/', true, true, g.status === 'resolved'),
            action('Unresolve', base + 'unresolve/', false, false, g.status === 'unresolved'),
            action('Ignore', base + 'ignore/', false, false, g.status === 'ignored'))),
        mergeControls(g, base),
        meta([
          ['Fingerprint', g._id], ['Exception', g.exception_type], ['App', g.app], ['Where', where(g)],
          ['Events', storedOf(g)], ['First seen', fullTime(g.first_seen)], ['Last seen', fullTime(g.last_seen)],
          ['Severity', g.severity], ['Services', Array.isArray(g.services) ? g.services.join(', ') : g.services],
          ['Resolved by', g.resolved_by], ['Resolved at', g.resolved_timestamp ? fullTime(g.resolved_timestamp) : null],
          ['Resolved in release', g.resolved_in_release], ['Resolved in the release after', g.resolved_after_release],
          ['Regressions', g.regressions], ['Regressed at', g.regressed_at ? fullTime(g.regressed_at) : null],
          ['Snoozed until', g.snoozed_until ? fullTime(g.snoozed_until) : null],
          ['Snoozed until count', g.snooze && g.snooze.until_count],
          ['Snoozed until more per hour than', g.snooze && g.snooze.until_rate_per_hour], ['Assignee', g.assignee]
        ]),
        releaseResolve(base),
        snoozeForm(base),
        ownership(base, g),
        h('h2', null, 'Last 14 days'), trend(g.trend, true),
        topValues(g),
        h('h2', null, 'Latest occurrences ', h('a', {href: '#/errors' + query({fingerprint: g._id})}, '(all)')),
        table(['Time', 'Severity', 'Message', 'Service', ''], rows, 'No occurrences stored (expired or deleted).')
      ]);
    }, function (e) { if (current(n)) { failed(e); } });
  }

  /**
   * Resolve in a release: the release field (an occurrence from an older release does not reopen
   * the group), or the next release (after the newest seen for the group's services). ALERTS.md.
   */
  function releaseResolve(base) {
    var release = h('input', {type: 'text', name: 'in_release', maxLength: 200, placeholder: 'e.g. 2.0.0'});
    function send(body) {
      post(base + 'resolve/', Object.assign({resolved_by: who()}, body)).then(function (r) {
        toast('Resolved in ' + (r.resolved_in_release ? 'release ' + text(r.resolved_in_release)
          : 'the release after ' + text(r.resolved_after_release)));
        route();
      }, function (e) { toast('Resolve failed: ' + e.message, true); });
    }
    return h('form', {className: 'filters release-form', on: {submit: function (ev) {
      ev.preventDefault();
      if (release.value.trim()) { send({in_release: release.value.trim()}); } else { toast('Give a release', true); }
    }}},
      h('label', null, 'Resolve in release', release), h('button', {type: 'submit'}, 'Resolve in release'),
      h('button', {type: 'button', data: {action: 'resolve-next-release'}, on: {click: function () { send({in_next_release: true}); }}},
        'Resolve in next release'));
  }

  /**
   * Snooze: the group is ignored (it keeps counting, sends nothing) until a time passes, N more
   * occurrences, or more than N in a clock hour; then it reopens with one notice. ALERTS.md "Snooze".
   */
  function snoozeForm(base) {
    var kind = h('select', {name: 'snooze'});
    [['for', 'for (2h, 1d)'], ['until', 'until (2026-12-01T08:00:00Z)'], ['occurrences', 'until N more occurrences'],
      ['rate_per_hour', 'until more than N an hour']].forEach(function (o) {
      kind.appendChild(h('option', {value: o[0]}, o[1]));
    });
    var value = h('input', {type: 'text', name: 'snooze_value', maxLength: 100, placeholder: '2h'});
    return h('form', {className: 'filters snooze-form', on: {submit: function (ev) {
      ev.preventDefault();
      var v = value.value.trim();
      if (!v) { toast('Give how long', true); return; }
      var body = {};
      // The counts are JSON numbers; anything else is sent as typed, and the API names what is wrong.
      body[kind.value] = (kind.value === 'occurrences' || kind.value === 'rate_per_hour') && /^[0-9]{1,15}$/.test(v) ? Number(v) : v;
      post(base + 'snooze/', body).then(function () { toast('Snoozed'); route(); },
        function (e) { toast('Snooze failed: ' + e.message, true); });
    }}},
      h('label', null, 'Snooze', kind), h('label', null, 'How long', value), h('button', {type: 'submit'}, 'Snooze'));
  }

  /** The assignee field and the comments of a group, with a form for each (ALERTS.md "Ownership"). */
  function ownership(base, g) {
    var assignee = h('input', {type: 'text', name: 'assignee', maxLength: 200, value: text(g.assignee), placeholder: 'nobody'});
    var comment = h('textarea', {name: 'comment', maxLength: 4000, rows: 2, placeholder: 'what you found, what you did'});
    function send(path, body, done) {
      return function (ev) {
        ev.preventDefault();
        post(base + path, body()).then(function () { toast(done); route(); }, function (e) { toast(done + ' failed: ' + e.message, true); });
      };
    }
    var comments = (Array.isArray(g.comments) ? g.comments : []).map(function (c) {
      return h('li', {className: 'comment'}, h('span', {className: 'sub'}, text(c.by) + ', ' + fullTime(c.at) + ': '), text(c.text));
    });
    return [
      h('form', {className: 'filters assign-form', on: {submit: send('assign/', function () { return {assignee: assignee.value.trim() || null}; }, 'Assigned')}},
        h('label', null, 'Assignee', assignee), h('button', {type: 'submit'}, 'Assign')),
      h('h2', null, 'Comments'),
      comments.length ? h('ul', {className: 'comments'}, comments) : h('p', {className: 'muted'}, 'No comments.'),
      h('form', {className: 'filters comment-form', on: {submit: send('comment/', function () { return {by: who() || 'console', text: comment.value}; }, 'Comment')}},
        h('label', null, 'Comment', comment), h('button', {type: 'submit'}, 'Add comment'))
    ];
  }

  /** A merged group says where its occurrences go, with Unmerge; any other can be merged into a fingerprint. */
  function mergeControls(g, base) {
    if (g.merged_into) {
      return h('div', {className: 'merge merged'}, 'Merged into ', link('group', g.merged_into, text(g.merged_into)),
        g.merged_by ? ' by ' + text(g.merged_by) : '', ' ',
        h('button', {type: 'button', data: {action: 'unmerge'}, on: {click: function (ev) {
          ev.target.disabled = true;
          post(base + 'unmerge/', {}).then(function (r) {
            toast('Unmerged (' + text(r.occurrences_moved) + ' occurrences back)');
            route();
          }, function (e) { ev.target.disabled = false; toast('Unmerge failed: ' + e.message, true); });
        }}}, 'Unmerge'));
    }
    var into = h('input', {type: 'text', name: 'into', placeholder: 'fingerprint of the group to merge into', size: 44});
    return h('form', {className: 'filters merge', on: {submit: function (ev) {
      ev.preventDefault();
      var target = into.value.trim();
      if (!target) { return; }
      post(base + 'merge/', {into: target, merged_by: who()}).then(function (r) {
        toast('Merged into ' + text(r.merged_into) + ' (' + text(r.occurrences_moved) + ' occurrences moved)');
        go('group/' + encodeURIComponent(r.merged_into), {});
      }, function (e) { toast('Merge failed: ' + e.message, true); });
    }}}, into, ' ', h('button', {type: 'submit', data: {action: 'merge'}}, 'Merge into'));
  }

  /** Which users, jobs, hosts...: each key's most frequent values among the group's latest occurrences, as filter links. */
  function topValues(g) {
    var top = g.top_values;
    if (!top || !top.keys || !top.keys.length) {
      return null;
    }
    var rows = top.keys.map(function (k) {
      var isContext = k.key.indexOf('context.') === 0;
      var values = [];
      k.values.forEach(function (v, i) {
        var filter = {fingerprint: g._id};
        if (isContext) {
          filter.context = k.key.substring('context.'.length) + '=' + v.value;
        } else {
          filter[k.key] = v.value;
        }
        if (i > 0) { values.push(', '); }
        values.push(h('a', {href: '#/errors' + query(filter)}, text(v.value)), ' \u00d7' + text(v.count));
      });
      return h('tr', {className: 'top'}, h('td', {className: 'nowrap'}, text(k.key)),
        h('td', null, text(k.occurrences)), h('td', {className: 'msg'}, values));
    });
    return [h('h2', null, 'Top values in the latest ' + text(top.sampled) + ' occurrences'),
      table(['Key', 'Occurrences', 'Values'], rows, '')];
  }

  function errorsView(_, params, n) {
    var form = filterForm('errors', params, [
      {name: 'severity__gte', label: 'Severity', value: '', options: [['', 'Any'], ['CRITICAL', 'Critical'], ['ERROR', 'Error and up'], ['WARNING', 'Warning and up'], ['INFO', 'Info and up']]},
      {name: 'app', label: 'App', placeholder: 'exact app name'},
      {name: 'search', label: 'Search', type: 'search', placeholder: 'message, function, file, app'},
      {name: 'resolved', label: 'Resolved', value: '', options: [['', 'Any'], ['false', 'Unresolved'], ['true', 'Resolved']]},
      {name: 'timestamp__gte', label: 'Since', value: '', options: [['', 'Any time'], ['1h', 'Last hour'], ['24h', 'Last 24 h'], ['7d', 'Last 7 days']]},
      {name: 'service', label: 'Service', placeholder: 'exact service'},
      {name: 'environment', label: 'Environment', placeholder: 'exact environment'},
      {name: 'release', label: 'Release', placeholder: 'exact release'},
      {name: 'host', label: 'Host', placeholder: 'exact host'},
      {name: 'thread', label: 'Thread', placeholder: 'exact thread'},
      {name: 'logger', label: 'Logger', placeholder: 'exact logger'},
      {name: 'exception_type', label: 'Exception', placeholder: 'java.io.IOException'},
      {name: 'trace_id', label: 'Trace', placeholder: 'trace id'},
      {name: 'user_id', label: 'User', placeholder: 'exact user id'},
      {name: 'job_id', label: 'Job', placeholder: 'exact job id'},
      {name: 'context', label: 'Context', placeholder: 'key=value'}
    ], ['fingerprint']);
    var asked = apiParams(params);
    if (asked === null) {
      show([form, h('div', {className: 'empty'}, 'Context filter: write key=value, e.g. user_id=u-17')]);
      return;
    }
    // The one filter without a field (a group's "all" and top-value links set it): said, and removable.
    var inGroup = params.fingerprint ? h('p', {className: 'muted in-group'}, 'Occurrences of group ',
      link('group', params.fingerprint, text(params.fingerprint).substring(0, 12)), ' ',
      h('button', {type: 'button', data: {action: 'all-groups'}, on: {click: function () {
        go('errors', Object.assign({}, params, {fingerprint: '', page: ''}));
      }}}, 'All groups')) : null;
    form = [form, inGroup];
    show([form, h('p', {className: 'muted'}, 'Loading\u2026')]);
    api('app-errors/', asked).then(function (data) {
      if (!current(n)) { return; }
      var rows = data.results.map(function (o) {
        return h('tr', {className: 'row'},
          h('td', {className: 'nowrap'}, link('error', o._id, fullTime(o.timestamp))),
          h('td', null, severity(o.severity)),
          h('td', null, text(o.app)),
          h('td', {className: 'sub'}, where(o)),
          h('td', {className: 'msg'}, text(o.message)),
          h('td', null, o.resolved ? status('resolved') : ''));
      });
      show([form, table(['Time', 'Severity', 'App', 'Where', 'Message', ''], rows, 'No occurrences match.'), pager('errors', params, data)]);
    }, function (e) { if (current(n)) { show([form, h('div', {className: 'empty'}, text(e.message))]); } });
  }

  function errorView(id, _, n) {
    api('app-errors/' + encodeURIComponent(id) + '/').then(function (o) {
      if (!current(n)) { return; }
      var base = 'app-errors/' + encodeURIComponent(id) + '/';
      show([
        o.fingerprint ? link('group', o.fingerprint, '\u2190 Group', 'back') : h('a', {className: 'back', href: '#/errors'}, '\u2190 Occurrences'),
        h('div', {className: 'head'},
          h('div', null, h('h1', null, severity(o.severity), ' ', text(o.exception ? o.exception.type : o.logger)),
            o.resolved ? status('resolved') : status('unresolved')),
          h('div', {className: 'actions'},
            action('Resolve', base + 'mark_resolved/', true, true, o.resolved),
            action('Unresolve', base + 'mark_unresolved/', false, false, !o.resolved))),
        h('pre', {className: 'message'}, text(o.message)),
        h('h2', null, 'Details'),
        meta([
          ['Time', fullTime(o.timestamp)], ['App', o.app], ['Where', where(o)], ['Class', o['class']],
          ['Logger', o.logger], ['Thread', o.thread], ['Source', o.source], ['Service', o.service],
          ['Host', o.host ? text(o.host) + ' (pid ' + text(o.pid) + ')' : null], ['Job', o.job_id], ['User', o.user_id],
          ['Error code', o.error_code], ['Trace', o.trace_id], ['Span', o.span_id], ['Resolved by', o.resolved_by],
          ['Resolved at', o.resolved_timestamp ? fullTime(o.resolved_timestamp) : null], ['Id', o._id]
        ]),
        o.trace_id ? h('p', null, h('a', {href: '#/errors' + query({trace_id: o.trace_id})}, 'All occurrences in this trace')) : null,
        breadcrumbs(o.breadcrumbs),
        h('h2', null, 'Stack trace'), stackTrace(o),
        keyValues('Context', o.context),
        keyValues('Request', o.request),
        o.exception && o.exception.fields ? keyValues('Exception fields', o.exception.fields) : null,
        h('details', null, h('summary', null, 'Raw document'), h('pre', {className: 'raw'}, JSON.stringify(o, null, 2)))
      ]);
    }, function (e) { if (current(n)) { failed(e); } });
  }

  /** The log events of the thread (or request) before this occurrence, oldest first. */
  function breadcrumbs(list) {
    if (!Array.isArray(list) || !list.length) {
      return null;
    }
    var rows = list.map(function (c) {
      c = c || {};
      return h('tr', {className: 'crumb'},
        h('td', {className: 'nowrap sub'}, fullTime(c.timestamp)),
        h('td', null, severity(c.severity)),
        h('td', {className: 'sub'}, text(c.logger)),
        h('td', {className: 'msg'}, text(c.message)));
    });
    return [h('h2', null, 'Breadcrumbs (' + list.length + ', oldest first)'),
      h('table', {className: 'list breadcrumbs'}, h('tbody', null, rows))];
  }

  function stackTrace(o) {
    var box = h('div', {className: 'trace'});
    var e = o.exception;
    if (e && e.type) {
      exceptionLink(box, e, '');
      (e.causes || []).forEach(function (c) { exceptionLink(box, c, 'Caused by: '); });
      return box;
    }
    var trace = o.data && o.data.trace;
    if (trace) {
      return h('pre', {className: 'trace'}, text(trace));
    }
    return h('div', {className: 'empty'}, 'No stack trace: this was a log message without an exception.');
  }

  function exceptionLink(box, e, prefix) {
    var part = h('div', {className: prefix ? 'cause' : ''},
      h('div', {className: 'exc'}, prefix + text(e.type) + (e.message !== null && e.message !== undefined ? ': ' + text(e.message) : '')));
    var frames = e.frames || [];
    var after = typeof e.frames_omitted_after === 'number' ? e.frames_omitted_after : -1;
    frames.forEach(function (f, i) {
      if (i === after && e.frames_omitted) {
        part.appendChild(h('div', {className: 'omitted'}, '... ' + e.frames_omitted + ' frames omitted'));
      }
      var location = text(f.file || 'Unknown Source') + (f.line > 0 ? ':' + f.line : '');
      part.appendChild(h('div', {className: 'frame' + (f.in_app ? ' in-app' : '')},
        'at ' + text(f['class']) + '.' + text(f.method) + '(' + location + ')'));
    });
    box.appendChild(part);
  }

  // "count N, stored M (storm sampling)" when a storm's occurrences were only counted (OPERATIONS.md, Storms).
  function storedOf(g) {
    if (typeof g.stored_count !== 'number' || g.stored_count >= g.count) {
      return g.count;
    }
    return 'count ' + g.count + ', stored ' + g.stored_count + ' (storm sampling)';
  }

  function meta(pairs) {
    var dl = h('dl', {className: 'meta'});
    pairs.forEach(function (p) {
      if (p[1] !== null && p[1] !== undefined && p[1] !== '') {
        dl.appendChild(h('dt', null, p[0]));
        dl.appendChild(h('dd', null, typeof p[1] === 'object' ? JSON.stringify(p[1]) : text(p[1])));
      }
    });
    return dl;
  }

  function keyValues(title, map) {
    if (!map || typeof map !== 'object' || !Object.keys(map).length) {
      return null;
    }
    return [h('h2', null, title), h('table', {className: 'list kv'}, h('tbody', null, Object.keys(map).map(function (k) {
      var v = map[k];
      return h('tr', null, h('td', null, k), h('td', null, typeof v === 'object' && v !== null ? JSON.stringify(v) : text(v)));
    })))];
  }

  function codesView(_, params, n) {
    var form = filterForm('codes', params, [
      {name: 'code', label: 'Code', placeholder: 'exact code'},
      {name: 'active', label: 'State', value: '', options: [['', 'All'], ['true', 'Active'], ['false', 'Cleared']]}
    ]);
    show([form, h('p', {className: 'muted'}, 'Loading\u2026')]);
    api('error-codes/', params).then(function (data) {
      if (!current(n)) { return; }
      var rows = data.results.map(function (c) {
        return h('tr', {className: 'row'},
          h('td', {className: 'title'}, text(c.code)),
          // Worded as the filter and the CLI word it (a user's trial), coloured as open and closed groups are.
          h('td', null, h('span', {className: 'badge ' + (c.active ? 'unresolved' : 'resolved')}, c.active ? 'active' : 'cleared')),
          h('td', {className: 'nowrap'}, fullTime(c.start_time)),
          h('td', {className: 'nowrap'}, when(c.last_log_time)),
          h('td', {className: 'num'}, text(c.occurrences)),
          h('td', {className: 'num'}, text(c.alerts)),
          // The episode's source (ERROR_CODES.md): episodes of two services or nodes on one machine are apart.
          h('td', {className: 'sub'}, text(c.service), ' on ', text(c.local_machine_name || c.server_id),
            c.node_name ? ' (' + text(c.node_name) + ')' : ''),
          h('td', {className: 'msg'}, text(c.active ? c.message : (c.clear_message || c.message))));
      });
      show([form, table(['Code', 'State', 'Started', 'Last log', 'Occurrences', 'Alerts', 'Source', 'Message'], rows, 'No error-code episodes match.')]);
    }, function (e) { if (current(n)) { show([form, h('div', {className: 'empty'}, text(e.message))]); } });
  }

  /** Alert rules (add, remove) and the notices sent or failed, newest first (ALERTS.md). */
  function alertsView(_, __, n) {
    show(h('p', {className: 'muted'}, 'Loading\u2026'));
    Promise.all([api('alert-rules/'), api('notices/')]).then(function (got) {
      if (!current(n)) { return; }
      var rules = got[0].results.map(function (r) {
        return h('tr', {className: 'row', data: {id: text(r._id)}},
          h('td', {className: 'title'}, text(r._id) + (r['default'] ? ' (default)' : '')),
          h('td', null, text(r.kind)),
          h('td', null, text((r.channels || []).join(', '))),
          h('td', null, text(r.min_severity)),
          h('td', {className: 'num'}, text(r.threshold) + (r.window ? ' in ' + text(r.window) : '')),
          h('td', {className: 'sub'}, [r.service, r.environment, r.app].filter(function (f) { return f; }).map(text).join(' / ')),
          h('td', null, r['default'] ? '' : removeButton('alert-rules/', r._id)));
      });
      var notices = got[1].results.map(function (x) {
        return h('tr', {className: 'row'},
          h('td', {className: 'nowrap'}, fullTime(x.time)),
          h('td', null, text(x.event)),
          h('td', null, text(x.channel)),
          h('td', null, h('span', {className: 'badge ' + (x.status === 'sent' ? 'resolved' : 'unresolved')}, text(x.status))),
          h('td', null, text(x.rule)),
          h('td', {className: 'msg'}, x.group ? link('group', x.group, text(x.title || x.group), 'title') : text(x.text)),
          h('td', {className: 'sub'}, text(x.error)));
      });
      show([h('h1', null, 'Alert rules'), table(['Rule', 'Kind', 'Channels', 'Min severity', 'Threshold', 'Service / environment / app', ''],
        rules, 'No rules.'), ruleForm(), h('h1', null, 'Notices'),
        table(['Time', 'Event', 'Channel', 'Status', 'Rule', 'Group', 'Error'], notices, 'No notices yet.')]);
    }, function (e) { if (current(n)) { failed(e); } });
  }

  /** Posts {@code <collection><id>/remove}, says so, and redraws the page. */
  function removeButton(collection, id) {
    return h('button', {type: 'button', data: {action: 'remove'}, on: {click: function (ev) {
      ev.target.disabled = true;
      post(collection + encodeURIComponent(text(id)) + '/remove', {}).then(function () {
        toast('Removed rule ' + text(id));
        route();
      }, function (e) {
        ev.target.disabled = false;
        toast('Remove failed: ' + e.message, true);
      });
    }}}, 'Remove');
  }

  /**
   * Grouping rules (GROUPING.md): those of grouping.rules as the agents report them, then the
   * stored ones in the order agents try them; add one written like a grouping.rules entry, remove.
   */
  function groupingRulesView(_, __, n) {
    show(h('p', {className: 'muted'}, 'Loading\u2026'));
    api('grouping-rules/').then(function (data) {
      if (!current(n)) { return; }
      var configured = (data.configured || []).map(function (r) {
        return h('tr', {className: 'row configured'},
          h('td', {className: 'title'}, text(r._id !== undefined ? r._id : r.text)),
          h('td', {className: 'msg'}, r.problem ? text(r.problem) : conditions(r)),
          h('td', null, r.problem ? '' : selectors(r.fingerprint)),
          h('td', {className: 'sub'}, text((r.agents || []).join(', '))));
      });
      var stored = data.results.map(function (r) {
        return h('tr', {className: 'row', data: {id: text(r._id)}},
          h('td', {className: 'title'}, text(r._id)),
          h('td', {className: 'msg'}, conditions(r)),
          h('td', null, selectors(r.fingerprint)),
          h('td', {className: 'sub'}, text(r.created_by)),
          h('td', {className: 'nowrap'}, when(r.created_at)),
          h('td', null, removeButton('grouping-rules/', r._id)));
      });
      show([h('h1', null, 'Grouping rules'),
        h('p', {className: 'muted'}, 'The first rule that applies sets an occurrence\'s group: configured rules first, then stored ones, '
          + 'oldest first. Running agents apply a change within 10 seconds, to new occurrences only.'),
        h('h2', null, 'Configured (grouping.rules, as the agents report it)'),
        table(['Rule', 'Conditions', 'Fingerprint', 'Agents'], configured, 'No agent reports configured rules.'),
        h('h2', null, 'Stored (grouping_rules)'),
        table(['Rule', 'Conditions', 'Fingerprint', 'By', 'Added', ''], stored, 'No stored rules.'),
        groupingRuleForm()]);
    }, function (e) { if (current(n)) { failed(e); } });
  }

  /** A rule's conditions as written: type=T & message=REGEX & context.KEY=V. */
  function conditions(r) {
    var parts = [];
    ['type', 'message', 'logger', 'app'].forEach(function (f) {
      if (r[f] !== undefined && r[f] !== null) { parts.push(f + '=' + text(r[f])); }
    });
    if (r.context && typeof r.context === 'object') {
      Object.keys(r.context).forEach(function (k) { parts.push('context.' + k + '=' + text(r.context[k])); });
    }
    return parts.length ? parts.join(' & ') : '(everything)';
  }

  function selectors(list) {
    return Array.isArray(list) && list.length ? list.map(text).join(' + ') : '(one group)';
  }

  function groupingRuleForm() {
    var input = h('input', {type: 'text', name: 'rule', className: 'wide', autocomplete: 'off', spellcheck: false,
      placeholder: 'per-host: type=java.net.ConnectException -> type + context.upstream_host'});
    var problem = h('p', {className: 'form-problem', role: 'alert'});
    return h('form', {className: 'filters grouping-rule-form', on: {submit: function (ev) {
      ev.preventDefault();
      problem.textContent = '';
      var body = {rule: input.value.trim()};
      if (who()) { body.created_by = who(); }
      post('grouping-rules/', body).then(function (r) {
        toast('Added grouping rule ' + text(r._id) + ' (agents apply it within 10 s)');
        route();
      }, function (e) {
        problem.textContent = text(e.message) + (e.expected ? ': ' + e.expected : '');
        toast('Add failed: ' + e.message, true);
      });
    }}},
      h('label', {className: 'wide'}, 'Rule (id: field=value & field=value -> selector + selector)', input),
      h('button', {type: 'submit', className: 'primary'}, 'Add rule'),
      problem);
  }

  function ruleForm() {
    var inputs = {};
    function field(name, label, input) {
      inputs[name] = input;
      return h('label', null, label, input);
    }
    function select(name, options) {
      var s = h('select', {name: name});
      options.forEach(function (o) { s.appendChild(h('option', {value: o}, o)); });
      return s;
    }
    var form = h('form', {className: 'filters rule-form', on: {submit: function (ev) {
      ev.preventDefault();
      var body = {};
      Object.keys(inputs).forEach(function (k) {
        var v = inputs[k].value.trim();
        if (v) { body[k] = k === 'channels' ? v.split(',').map(function (c) { return c.trim(); }) : v; }
      });
      post('alert-rules/', body).then(function (r) {
        toast('Added rule ' + text(r._id));
        route();
      }, function (e) { toast('Add failed: ' + e.message, true); });
    }}},
      field('kind', 'Kind', select('kind', ['new_group', 'regression', 'threshold', 'new_release'])),
      field('channels', 'Channels', h('input', {type: 'text', name: 'channels', placeholder: 'webhook, slack, email'})),
      field('min_severity', 'Min severity', select('min_severity', ['ERROR', 'CRITICAL', 'WARNING', 'INFO'])),
      field('threshold', 'Threshold', h('input', {type: 'text', name: 'threshold', placeholder: '10'})),
      field('window', 'Within', h('input', {type: 'text', name: 'window', placeholder: 'running count, or 10m'})),
      field('service', 'Service', h('input', {type: 'text', name: 'service'})),
      field('environment', 'Environment', h('input', {type: 'text', name: 'environment'})),
      field('app', 'App', h('input', {type: 'text', name: 'app'})),
      field('id', 'Id', h('input', {type: 'text', name: 'id', placeholder: 'optional'})),
      h('button', {type: 'submit', className: 'primary'}, 'Add rule'));
    return form;
  }

  /** What an agent dropped, by reason ({queue_full: 3, spool_full: 1}), under the total. */
  function droppedBy(reasons) {
    var parts = Object.keys(reasons || {}).filter(function (k) { return Number(reasons[k]) > 0; })
      .map(function (k) { return text(k) + ' ' + text(reasons[k]); });
    return parts.length ? h('div', {className: 'sub'}, parts.join(', ')) : null;
  }

  /** ', silent 5m' for a JVM that did not exit and has not reported for a minute (it reports every 10 s): killed, hung, or cut off from MongoDB. */
  function silent(updated) {
    var t = new Date(updated).getTime();
    var minutes = Math.floor((Date.now() - t) / 60000);
    return isNaN(t) || minutes < 1 ? '' : ', silent ' + minutes + 'm';
  }

  function healthView(_, __, n) {
    api('health/').then(function (data) {
      if (!current(n)) { return; }
      var rows = data.results.map(function (a) {
        return h('tr', {className: 'row'},
          h('td', {className: 'title'}, text(a.service)),
          h('td', null, text(a.host) + (a.pid ? ' (pid ' + text(a.pid) + ')' : '')),
          h('td', {className: 'nowrap'}, when(a.updated_at)),
          h('td', null, a.ended_at ? 'exited' : text(a.mongo_state) + silent(a.updated_at),
            a.ended_at ? h('div', {className: 'sub'}, 'MongoDB ' + text(a.mongo_state) + ' at exit') : null),
          h('td', {className: 'num'}, text(a.captured)),
          h('td', {className: 'num'}, text(a.written)),
          h('td', {className: 'num'}, text(a.suppressed)),
          h('td', {className: 'num'}, text(a.spooled)),
          h('td', {className: 'num'}, text(a.replayed)),
          h('td', {className: 'num'}, text(a.sampled)),
          h('td', {className: 'num'}, text(a.dropped_total), droppedBy(a.dropped)),
          h('td', {className: 'num'}, text(a.lost_at_exit)),
          h('td', {className: 'num'}, text(a.group_counts_lost)),
          h('td', {className: 'num'}, text(a.queue_depth)),
          h('td', {className: 'sub'}, a.last_write_error && a.last_write_error_at ? h('div', null, when(a.last_write_error_at)) : null, text(a.last_write_error),
            a.spool_error ? h('div', null, 'Spool: ' + text(a.spool_error)) : null));
      });
      show(table(['Service', 'Host', 'Updated', 'State', 'Captured', 'Written', 'Suppressed', 'Spooled', 'Replayed', 'Sampled', 'Dropped',
        'Lost at exit', 'Group counts lost', 'Queue', 'Last write error'],
        rows, 'No agent has reported into this database yet.'));
    }, function (e) { if (current(n)) { failed(e); } });
  }

  // ---- start ------------------------------------------------------------------------------

  whoInput.value = localStorage.getItem('faultline.who') || '';
  whoInput.addEventListener('change', function () { localStorage.setItem('faultline.who', whoInput.value.trim()); });
  tokenInput.addEventListener('change', function () {
    sessionStorage.setItem('faultline.token', tokenInput.value.trim());
    toast('Token saved for this tab; try again.');
  });
  window.addEventListener('hashchange', route);
  route();
})();

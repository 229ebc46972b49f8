/* Uplift's Web Console page: redraws the tables from data.json every two seconds and sends Retry/Abort as POSTs.
   Every value is put in the page with textContent, never parsed as HTML: job messages carry device text. */
(function () {
  'use strict';
  var app = document.getElementById('uplift');
  if (!app) {
    return;
  }
  var root = app.getAttribute('data-root');
  var token = app.getAttribute('data-token');
  var selected = app.getAttribute('data-job') || '';
  var REFRESH_MS = 2000;
  var timer = null;
  var generation = 0; /* only the newest refresh draws and schedules the next one */
  var refreshes = 0;

  /* origin + path: a page opened as http://user:pass@host/ must not pass the credentials into fetch() URLs */
  function url(suffix) {
    return new URL(root + suffix, window.location.origin).toString();
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function line(id, text) {
    var p = byId(id);
    p.textContent = text || '';
    p.hidden = !text;
  }

  function fields(tableId) {
    var out = [];
    byId(tableId).querySelectorAll('thead th[data-field]').forEach(function (th) {
      out.push(th.getAttribute('data-field'));
    });
    return out;
  }

  function cell(tr, field, text) {
    var td = document.createElement('td');
    td.className = 'uplift-' + field;
    if (text !== undefined && text !== null) {
      td.textContent = String(text);
    }
    tr.appendChild(td);
    return td;
  }

  function button(td, action, label, jobId) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'uplift-decide';
    b.setAttribute('data-action', action);
    b.setAttribute('data-job', jobId);
    b.textContent = label;
    td.appendChild(b);
  }

  function fill(tableId, rows, makeRow) {
    var body = byId(tableId).tBodies[0];
    var cols = fields(tableId);
    var fresh = document.createElement('tbody');
    rows.forEach(function (row) {
      fresh.appendChild(makeRow(row, cols));
    });
    body.parentNode.replaceChild(fresh, body);
  }

  function plainRow(row, cols) {
    var tr = document.createElement('tr');
    cols.forEach(function (f) {
      cell(tr, f, row[f]);
    });
    return tr;
  }

  function jobRow(job, cols) {
    var tr = document.createElement('tr');
    tr.className = 'uplift-job' + (job.id === selected ? ' uplift-selected' : '');
    tr.setAttribute('data-job', job.id);
    cols.forEach(function (f) {
      if (f === 'id') {
        var a = document.createElement('a');
        a.href = url('?job=' + encodeURIComponent(job.id));
        a.textContent = job.id;
        cell(tr, f).appendChild(a);
      } else if (f === 'actions') {
        var td = cell(tr, f);
        if (job.awaitingDecision) {
          button(td, 'retry', 'Retry', job.id);
          td.appendChild(document.createTextNode(' '));
          button(td, 'abort', 'Abort', job.id);
        }
      } else {
        cell(tr, f, job[f]);
      }
    });
    return tr;
  }

  function jobsNote(data) {
    var shown = data.jobs.length, total = data.jobsTotal;
    if (total === 0) {
      return 'No jobs.';
    }
    if (shown < total) {
      return 'The newest ' + shown + ' of ' + total + ' jobs; click one for its step history.';
    }
    return total + (total === 1 ? ' job' : ' jobs') + ', newest first; click one for its step history.';
  }

  function render(data) {
    line('uplift-error', data.error);
    byId('uplift-jobs-note').textContent = jobsNote(data);
    fill('uplift-jobs', data.jobs, jobRow);
    byId('uplift-campaigns-note').textContent = data.campaigns.length ? 'Newest first.' : 'No campaigns.';
    fill('uplift-campaigns', data.campaigns, plainRow);
    var s = data.selected;
    byId('uplift-history-title').textContent = s
      ? 'Step history of job ' + s.id + ' (device ' + s.device + ' to ' + s.firmware + ', ' + s.state + ')'
      : 'Step history';
    byId('uplift-history-note').textContent = data.selectedError
      || (s ? 'Oldest first.' : 'Click a job to see its step history.');
    fill('uplift-history', s ? s.history : [], plainRow);
  }

  function readJson(response) {
    return response.text().then(function (text) {
      var body = null;
      try {
        body = JSON.parse(text);
      } catch (e) {
        body = null;
      }
      if (!response.ok) {
        throw new Error(body && body.error ? body.error : 'the server answered HTTP ' + response.status);
      }
      if (body === null) {
        throw new Error('the server did not answer with JSON');
      }
      return body;
    });
  }

  function refresh() {
    clearTimeout(timer);
    var mine = ++generation;
    var target = url('/data.json') + (selected ? '?job=' + encodeURIComponent(selected) : '');
    fetch(target, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(readJson)
      .then(function (data) {
        if (mine === generation) {
          render(data);
          refreshes += 1;
          app.setAttribute('data-refreshed', String(refreshes)); /* tells a watcher (and a test) the poll works */
        }
      })
      .catch(function (e) {
        if (mine === generation) {
          line('uplift-error', 'Could not refresh the Uplift page: ' + e.message);
        }
      })
      .then(function () {
        if (mine === generation) {
          timer = setTimeout(refresh, REFRESH_MS);
        }
      });
  }

  function status(text, failed) {
    line('uplift-status', text);
    byId('uplift-status').classList.toggle('uplift-error', !!failed);
  }

  function decide(action, jobId, source) {
    source.disabled = true;
    status('Sending ' + action + ' for job ' + jobId + '...', false);
    fetch(url(''), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Accept': 'application/json',
        'X-Uplift-Token': token
      },
      body: 'action=' + encodeURIComponent(action) + '&job=' + encodeURIComponent(jobId)
    })
      .then(readJson)
      .then(function (body) {
        status(body.message, false);
      })
      .catch(function (e) {
        /* the status line, not the error line: the next refresh would clear that one */
        status(e.message, true);
      })
      .then(refresh);
  }

  function select(jobId) {
    selected = jobId;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, '', url('?job=' + encodeURIComponent(jobId)));
    }
    refresh();
  }

  app.addEventListener('click', function (event) {
    var target = event.target;
    var b = target.closest('button.uplift-decide');
    if (b) {
      event.preventDefault();
      decide(b.getAttribute('data-action'), b.getAttribute('data-job'), b);
      return;
    }
    var tr = target.closest('tr.uplift-job');
    if (tr) {
      event.preventDefault();
      select(tr.getAttribute('data-job'));
    }
  });

  timer = setTimeout(refresh, REFRESH_MS);
}());

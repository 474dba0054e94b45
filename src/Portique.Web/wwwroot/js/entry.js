// The invoice entry form: totals computed as the server does, and the recipient checked while the user types.
(function () {
    // Same arithmetic as the server (EnterInvoiceHandler.Compute): line nets to the cent, VAT per rate on the rate's base.
    var cents = function (x) { return Math.round((x + Number.EPSILON) * 100) / 100; };
    var parse = function (s) { var v = parseFloat((s || '').replace(/\s/g, '').replace(',', '.')); return isNaN(v) ? 0 : v; };
    var lang = document.documentElement.lang || 'fr';
    var money = function (x) { return x.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); };
    function compute() {
        var bases = {};
        document.querySelectorAll('#lines tr.entry-line').forEach(function (row) {
            var net = cents(cents(parse(row.querySelector('.qty').value) * parse(row.querySelector('.price').value)) - parse(row.querySelector('.discount').value));
            row.querySelector('.net').textContent = row.querySelector('.qty').value ? money(net) : '';
            var rate = row.querySelector('.rate').value;
            if (row.querySelector('.qty').value) bases[rate] = cents((bases[rate] || 0) + net);
        });
        var excl = 0, vat = 0, rows = document.getElementById('vat-rows');
        rows.textContent = '';
        Object.keys(bases).sort(function (a, b) { return b - a; }).forEach(function (rate) {
            var tax = cents(bases[rate] * parseFloat(rate) / 100);
            excl = cents(excl + bases[rate]); vat = cents(vat + tax);
            var tr = rows.insertRow();
            tr.insertCell().textContent = (lang === 'en' ? rate : rate.replace('.', ',')) + ' %';
            var b = tr.insertCell(); b.textContent = money(bases[rate]); b.className = 'num';
            var t = tr.insertCell(); t.textContent = money(tax); t.className = 'num';
        });
        document.getElementById('total-excl').textContent = money(excl);
        document.getElementById('total-vat').textContent = money(vat);
        document.getElementById('total-incl').textContent = money(cents(excl + vat));
    }
    document.getElementById('lines').addEventListener('input', compute);
    document.getElementById('lines').addEventListener('change', compute);
    document.getElementById('add-line').addEventListener('click', function () {
        var next = document.querySelector('#lines tr.entry-line[hidden]');
        if (next) { next.hidden = false; next.querySelector('input').focus(); }
    });
    compute();

    // The recipient: looked up by SIRET or by the start of its name (GET /api/v1/invoices/recipients), then the service
    // code and the commitment number are checked against what its parameters require, as the deposit will.
    var box = document.getElementById('recipient-check');
    var recipient = document.getElementById('recipient');
    var results = document.getElementById('recipient-results');
    var status = document.getElementById('recipient-status');
    var service = document.getElementById('service');
    var serviceStatus = document.getElementById('service-status');
    var serviceOptions = document.getElementById('service-options');
    var commitment = document.getElementById('commitment');
    var chosen = null, timer = null, asked = 0;
    var say = function (key, arg) { return (box.dataset[key] || '').replace('{0}', arg || ''); };
    var canonical = function (s) { return (s || '').replace(/[\s.\-]/g, '').toUpperCase(); };

    function show(list) {
        results.textContent = '';
        list.forEach(function (r) {
            var li = document.createElement('li');
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'link choice';
            button.textContent = r.nom + ' — ' + r.identifiant + (r.ville ? ' (' + r.ville + ')' : '');
            button.addEventListener('click', function () { recipient.value = r.identifiant; choose(r); recipient.focus(); });
            li.appendChild(button);
            results.appendChild(li);
        });
        results.hidden = list.length === 0;
    }

    function choose(r) {
        chosen = r;
        show([]);
        var text = say('found', r.nom + (r.ville ? ' (' + r.ville + ')' : ''));
        if (!r.actif) text += ' ' + say('inactive');
        status.textContent = text;
        status.className = 'check-status ' + (r.actif ? 'ok' : 'ko');
        serviceOptions.textContent = '';
        r.services.forEach(function (s) {
            var option = document.createElement('option');
            option.value = s.code;
            option.label = s.nom;
            serviceOptions.appendChild(option);
        });
        checkService();
    }

    function clearChoice() {
        chosen = null;
        serviceOptions.textContent = '';
        serviceStatus.textContent = '';
        service.required = commitment.required = false;
        document.getElementById('service-required').hidden = document.getElementById('commitment-required').hidden = true;
    }

    function checkService() {
        if (!chosen) return;
        var code = service.value.trim().toUpperCase();
        var found = chosen.services.filter(function (s) { return s.code.toUpperCase() === code; })[0];
        var needsCommitment = chosen.numeroEngagementObligatoire || (found && found.numeroEngagementObligatoire);
        var messages = [], ok = true;
        if (code && !found && chosen.codeServiceObligatoire) { messages.push(say('serviceUnknown', service.value.trim())); ok = false; }
        else if (found) messages.push(say('serviceFound', found.nom));
        if (!code && chosen.codeServiceObligatoire) { messages.push(say('serviceRequired')); ok = false; }
        if (found && found.numeroEngagementObligatoire) messages.push(say('serviceCommitment', found.code));
        else if (chosen.numeroEngagementObligatoire) messages.push(say('commitmentRequired'));
        if (needsCommitment && !commitment.value.trim()) ok = false;
        if (chosen.codeServiceOuEngagement && !code && !commitment.value.trim()) { messages.push(say('serviceOrCommitment')); ok = false; }
        serviceStatus.textContent = messages.join(' ');
        serviceStatus.className = 'check-status ' + (ok ? 'ok' : 'ko');
        service.required = chosen.codeServiceObligatoire;
        commitment.required = !!needsCommitment;
        document.getElementById('service-required').hidden = !chosen.codeServiceObligatoire;
        document.getElementById('commitment-required').hidden = !needsCommitment;
    }

    function lookUp() {
        var q = recipient.value.trim();
        clearChoice();
        if (q.length < 2) { show([]); status.textContent = ''; return; }
        var ticket = ++asked;
        fetch(box.dataset.url + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
            .then(function (answer) {
                if (ticket !== asked) return; // a later keystroke already asked again
                var exact = answer.resultats.filter(function (r) { return r.identifiant === canonical(q); })[0];
                if (exact) { choose(exact); return; }
                if (answer.siretInvalide) { show([]); status.textContent = say('siretInvalid'); status.className = 'check-status ko'; return; }
                show(answer.resultats);
                status.textContent = answer.resultats.length ? say('choose') : say('none');
                status.className = 'check-status' + (answer.resultats.length ? '' : ' ko');
            })
            .catch(function () { if (ticket === asked) { status.textContent = say('unavailable'); status.className = 'check-status'; } });
    }

    recipient.addEventListener('input', function () { window.clearTimeout(timer); timer = window.setTimeout(lookUp, 300); });
    recipient.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowDown' && !results.hidden) { e.preventDefault(); results.querySelector('button').focus(); }
    });
    results.addEventListener('keydown', function (e) {
        var buttons = Array.prototype.slice.call(results.querySelectorAll('button'));
        var at = buttons.indexOf(document.activeElement);
        if (e.key === 'ArrowDown' && at < buttons.length - 1) { e.preventDefault(); buttons[at + 1].focus(); }
        if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? buttons[at - 1] : recipient).focus(); }
        if (e.key === 'Escape') { e.preventDefault(); show([]); recipient.focus(); }
    });
    service.addEventListener('input', checkService);
    commitment.addEventListener('input', checkService);
    if (recipient.value.trim()) lookUp();
})();

// The deposit report follows its flow: while the state is not final, the report block is fetched again every two
// seconds and replaced in place (the state line is a status region, so screen readers hear the change), then it stops.
(function () {
    var report = document.getElementById('flow-report');
    if (!report || report.dataset.final === 'true') return;
    var tries = 0;
    function refresh() {
        if (++tries > 450) return; // a quarter of an hour: past that, the user reloads
        fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
            .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('flow-report');
                // An answer without the report (an error page, a passing hiccup) is not the end: ask again a little later.
                if (!fresh) { window.setTimeout(refresh, 5000); return; }
                report.innerHTML = fresh.innerHTML;
                report.dataset.final = fresh.dataset.final;
                if (fresh.dataset.final !== 'true') window.setTimeout(refresh, 2000);
            })
            .catch(function () { window.setTimeout(refresh, 5000); });
    }
    window.setTimeout(refresh, 1000);
})();

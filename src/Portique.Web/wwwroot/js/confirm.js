// A confirmation before actions that cannot be taken back lightly: a form with data-confirm="message" first opens a
// dialog that spells the consequence out; only "Confirmer" submits it. data-confirm-from names a select whose chosen
// option's text replaces {0} in the message (the status an invoice is moved to). Focus stays in the dialog (showModal),
// Escape cancels, and focus returns to the button that opened it.
(function () {
    var labels = document.getElementById('confirm-labels');
    if (!labels) return;
    document.addEventListener('submit', function (e) {
        var form = e.target;
        if (!form.dataset || !form.dataset.confirm || form.dataset.confirmed === 'true') return;
        if (typeof form.checkValidity === 'function' && !form.noValidate && !form.checkValidity()) return;
        e.preventDefault();
        var opener = e.submitter || document.activeElement;
        var message = form.dataset.confirm;
        if (form.dataset.confirmFrom) {
            var select = form.querySelector(form.dataset.confirmFrom);
            var chosen = select && select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
            message = message.replace('{0}', chosen && chosen.value ? chosen.text : '');
        }
        var dialog = document.createElement('dialog');
        dialog.className = 'confirm';
        dialog.setAttribute('aria-labelledby', 'confirm-title');
        dialog.setAttribute('aria-describedby', 'confirm-message');
        var title = document.createElement('h2'); title.id = 'confirm-title'; title.textContent = labels.dataset.title;
        var text = document.createElement('p'); text.id = 'confirm-message'; text.textContent = message;
        var yes = document.createElement('button'); yes.type = 'button'; yes.id = 'confirm-yes'; yes.textContent = labels.dataset.yes;
        if (form.querySelector('button.danger')) yes.className = 'danger';
        var no = document.createElement('button'); no.type = 'button'; no.id = 'confirm-no'; no.className = 'secondary'; no.textContent = labels.dataset.no;
        dialog.append(title, text, yes, no);
        document.body.appendChild(dialog);
        var close = function () { dialog.close(); dialog.remove(); if (opener && opener.focus) opener.focus(); };
        no.addEventListener('click', close);
        dialog.addEventListener('cancel', function (ev) { ev.preventDefault(); close(); });
        yes.addEventListener('click', function () {
            form.dataset.confirmed = 'true';
            dialog.close(); dialog.remove();
            if (opener && opener.name && opener.form === form) {
                // Keep the pressed button's name/value, as a plain submit would.
                var hidden = document.createElement('input'); hidden.type = 'hidden'; hidden.name = opener.name; hidden.value = opener.value; form.appendChild(hidden);
            }
            HTMLFormElement.prototype.submit.call(form);
        });
        dialog.showModal();
        no.focus();
    });
})();

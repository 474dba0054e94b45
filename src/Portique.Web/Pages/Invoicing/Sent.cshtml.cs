using Microsoft.AspNetCore.Authorization;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Search;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

[Authorize(Policy = Policies.SentInvoicesRead)]
public sealed class SentModel(SearchInvoicesHandler handler) : InvoiceListModel(handler)
{
    public override InvoiceSide Side => InvoiceSide.Sent;
}

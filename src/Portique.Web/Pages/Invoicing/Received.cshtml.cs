using Microsoft.AspNetCore.Authorization;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Search;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

[Authorize(Policy = Policies.ReceivedInvoicesRead)]
public sealed class ReceivedModel(SearchInvoicesHandler handler) : InvoiceListModel(handler)
{
    public override InvoiceSide Side => InvoiceSide.Received;
}

using Microsoft.AspNetCore.Authorization;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Search;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

[Authorize(Policy = Policies.Prefix + nameof(PortalApplication.FacturesEmises) + ":" + nameof(HabilitationProfile.Consultation))]
public sealed class SentModel(SearchInvoicesHandler handler) : InvoiceListModel(handler)
{
    public override InvoiceSide Side => InvoiceSide.Sent;
}

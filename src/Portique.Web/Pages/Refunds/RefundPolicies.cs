using Portique.Common.Authorization;
using Portique.Organisation;

namespace Portique.Web.Pages.Refunds;

/// <summary>The habilitation policies of the refund pages, as attribute constants.</summary>
internal static class RefundPolicies
{
    public const string Read = Policies.RefundsRead;
    public const string Write = Policies.RefundsWrite;
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portique.Common;
using Portique.Cpro.Common;
using Portique.Invoicing;
using Portique.Refunds;

namespace Portique.Cpro.Transverses;

/// <summary>
/// The types of payment request (Chorus Pro's typeDemandePaiement: FACTURE, FACTURE_TRAVAUX, MEMOIRE_JUSTICE,
/// DEMANDE_REMBOURSEMENT) and their statuses: transverses/v1/recuperer/typedp lists the types Portique holds (invoices and
/// TICPE/TICGN refund requests), recuperer/etat/typedp the statuses of each, recuperer/typefacturetravaux the works
/// invoice types — none until the works circuit is built.
/// </summary>
internal static class PaymentRequestTypes
{
    public const string Invoice = "FACTURE";
    public const string Works = "FACTURE_TRAVAUX";
    public const string Memoire = "MEMOIRE_JUSTICE";
    public const string Refund = "DEMANDE_REMBOURSEMENT";

    /// <summary>Every type Chorus Pro names; searches of a type Portique does not hold answer an empty list.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Invoice, Works, Memoire, Refund };

    /// <summary>The types Portique holds payment requests of.</summary>
    private static readonly string[] Held = [Invoice, Refund];

    internal static void Map(IEndpointRouteBuilder cpro)
    {
        cpro.MapPost("/transverses/v1/recuperer/typedp", () => CproAnswer.Json(CproAnswer.Ok(("listeTypeDemandePaiement",
                Held.Select(t => new Dictionary<string, object?> { ["typeDemandePaiement"] = t }).ToList()))))
            .WithSummary("Types de demande de paiement");
        cpro.MapPost("/transverses/v1/recuperer/etat/typedp", StatesAsync).WithSummary("Statuts d'un type de demande de paiement");
        cpro.MapPost("/transverses/v1/recuperer/typefacturetravaux", () => CproAnswer.Json(CproAnswer.Ok(("listeTypeFactureTravaux", new List<Dictionary<string, object?>>()))))
            .WithSummary("Types de facture de travaux (aucun : le circuit des travaux n'est pas ouvert)");
    }

    /// <summary>{typeDemandePaiement} (FACTURE when absent) → listeEtatDemandePaiement[{etatDemandePaiement}], in lifecycle order.</summary>
    private static async Task<IResult> StatesAsync(HttpContext http, CancellationToken ct)
    {
        var body = await CproBody.ReadAsync(http.Request, ct);
        var type = body.String("typeDemandePaiement")?.ToUpperInvariant() ?? Invoice;
        IEnumerable<string> states = type switch
        {
            Invoice => Enum.GetValues<InvoiceStatus>().Select(s => s.ToString()),
            Refund => Enum.GetValues<RefundStatus>().Select(RefundStatuses.Code),
            Works or Memoire => [],
            _ => throw new PortiqueException("FIELD_INVALID", $"« typeDemandePaiement » doit être l'un de {string.Join(", ", All)} : « {type} »."),
        };
        return CproAnswer.Json(CproAnswer.Ok(("listeEtatDemandePaiement", states.Select(s => new Dictionary<string, object?> { ["etatDemandePaiement"] = s }).ToList())));
    }
}

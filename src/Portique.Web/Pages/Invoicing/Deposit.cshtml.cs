using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

/// <summary>Deposit of a flow from the portal: the same handler as the API; the report page follows the flow.</summary>
[Authorize(Policy = Policies.SentInvoicesWrite)]
public sealed class DepositModel(DepositFlowHandler handler) : PortiquePage
{
    public long StructureId { get; private set; }

    [BindProperty] public IFormFile? Fichier { get; set; }
    [BindProperty] public FlowSyntax Syntaxe { get; set; } = FlowSyntax.IN_DP_E2_CII_FACTURX;

    public void OnGet([FromRoute] long structureId) => StructureId = structureId;

    public Task<IActionResult> OnPostAsync([FromRoute] long structureId, CancellationToken ct)
    {
        StructureId = structureId;
        return Run(async () =>
        {
            if (Fichier is null)
                throw new PortiqueException("FIELD_REQUIRED", "Choisissez le fichier à déposer.");
            using var buffer = new MemoryStream();
            await Fichier.CopyToAsync(buffer, ct);
            var flow = await handler.HandleAsync(structureId, Fichier.FileName, Syntaxe, buffer.ToArray(), ct);
            return Done($"Flux {flow.NumeroFluxDepot} reçu.", $"/Invoicing/{structureId}/Flows/{flow.NumeroFluxDepot}");
        });
    }

    public static string SyntaxLabel(FlowSyntax syntax) => syntax switch
    {
        FlowSyntax.IN_DP_E1_UBL_INVOICE => "UBL (E1)",
        FlowSyntax.IN_DP_E1_CII_16B => "CII 16B (E1)",
        FlowSyntax.IN_DP_E1_CII => "CII (E1)",
        _ => "Factur-X (E2)",
    };
}

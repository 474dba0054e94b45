using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Invoicing;
using Portique.Invoicing.Deposit;
using Portique.Organisation;

namespace Portique.Web.Pages.Invoicing;

/// <summary>
/// Deposit of a flow from the portal: the syntax is read from the file unless the user forces one; the same handler as the
/// API; the report page follows the flow until it is integrated or rejected.
/// </summary>
[Authorize(Policy = Policies.SentInvoicesWrite)]
public sealed class DepositModel(DepositFlowHandler handler) : PortiquePage
{
    public long StructureId { get; private set; }

    [BindProperty] public IFormFile? Fichier { get; set; }
    /// <summary>Null: detected from the content (<see cref="FlowSyntaxDetection"/>).</summary>
    [BindProperty] public FlowSyntax? Syntaxe { get; set; }

    public void OnGet([FromRoute] long structureId) => StructureId = structureId;

    public Task<IActionResult> OnPostAsync([FromRoute] long structureId, CancellationToken ct)
    {
        StructureId = structureId;
        return Run(async () =>
        {
            if (Fichier is null || Fichier.Length == 0)
                throw new PortiqueException("FIELD_REQUIRED", "Choisissez le fichier à déposer.") { Field = "Fichier" };
            if (Fichier.Length > Flow.MaxBytes)
                throw new PortiqueException("FLOW_TOO_LARGE", "Le fichier dépasse la taille maximale de 100 Mo : déposez un fichier plus petit ou découpez l'archive.") { Field = "Fichier" };
            using var buffer = new MemoryStream();
            await Fichier.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            var syntax = Syntaxe ?? FlowSyntaxDetection.Detect(Fichier.FileName, content);
            var flow = await handler.HandleAsync(structureId, Fichier.FileName, syntax, content, ct);
            return Done($"Flux {flow.NumeroFluxDepot} reçu ({SyntaxLabel(syntax)}) : son compte rendu se met à jour tout seul.", $"/Invoicing/{structureId}/Flows/{flow.NumeroFluxDepot}");
        });
    }

    // Every refusal of the file (empty, too large, unknown or mixed syntax, unreadable archive) is shown next to it.
    protected override (string Key, string Label)? FieldOf(PortiqueException refusal) =>
        refusal.Field is "Fichier" || refusal.Code.StartsWith("FLOW_", StringComparison.Ordinal) ? ("Fichier", "Fichier") : null;

    public static string SyntaxLabel(FlowSyntax syntax) => syntax switch
    {
        FlowSyntax.IN_DP_E1_UBL_INVOICE => "UBL (E1)",
        FlowSyntax.IN_DP_E1_CII_16B => "CII 16B (E1)",
        FlowSyntax.IN_DP_E1_CII => "CII (E1)",
        _ => "Factur-X (E2)",
    };
}

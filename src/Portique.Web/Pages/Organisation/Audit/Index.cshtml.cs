using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portique.Common;
using Portique.Common.Authorization;
using Portique.Organisation.AuditLog;
using Portique.Organisation.GetStructure;

namespace Portique.Web.Pages.Organisation.Audit;

/// <summary>The structure's audit log, newest first, for its managers.</summary>
[Authorize(Policy = Policies.OrganisationWrite)]
public sealed class IndexModel(AuditLogHandler audit, GetStructureHandler structures) : PortiquePage
{
    [FromRoute] public long StructureId { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public StructureView Structure { get; private set; } = null!;
    public Page<AuditView> Entries { get; private set; } = null!;

    /// <summary>French labels of the recorded actions; an action without one (another module's) shows its code.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionLabels = new Dictionary<string, string>
    {
        ["structure.create"] = "Création de la structure",
        ["user.attach"] = "Rattachement d'un utilisateur",
        ["user.reattach"] = "Nouveau rattachement d'un utilisateur",
        ["user.detach"] = "Détachement d'un utilisateur",
        ["user.services"] = "Services de rattachement modifiés",
        ["habilitation.grant"] = "Habilitation attribuée",
        ["habilitation.withdraw"] = "Habilitation retirée",
        ["habilitation.copy"] = "Habilitations copiées",
        ["principal.transfer"] = "Transfert du rôle de gestionnaire principal",
        ["principal.appoint"] = "Gestionnaire principal nommé par un opérateur",
        ["users.export"] = "Export Excel des utilisateurs",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Structure = await structures.HandleAsync(StructureId, ct);
        Entries = await audit.HandleAsync(StructureId, new PageRequest(PageNumber, 50), ct);
    }
}

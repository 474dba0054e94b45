using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Web.Pages.Refunds;

internal static class RefundPages
{
    /// <summary>The beneficiary's name for page titles: the refund habilitation does not include reading the structure's page.</summary>
    public static async Task<string> StructureNameAsync(PortiqueDb db, long structureId, CancellationToken ct) =>
        await db.Structures.AsNoTracking().Where(s => s.Id == structureId).Select(s => s.Name).FirstOrDefaultAsync(ct)
        ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
}

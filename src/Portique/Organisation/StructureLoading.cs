using Microsoft.EntityFrameworkCore;
using Portique.Common;
using Portique.Common.Data;

namespace Portique.Organisation;

internal static class StructureLoading
{
    /// <summary>A tracked structure with its services, the aggregate every structure and service write goes through.</summary>
    public static async Task<Structure> LoadStructureWithServicesAsync(this PortiqueDb db, long structureId, CancellationToken ct) =>
        await db.Structures.Include(s => s.Services).FirstOrDefaultAsync(s => s.Id == structureId, ct)
        ?? throw PortiqueException.NotFound("STRUCTURE_NOT_FOUND", $"La structure {structureId} n'existe pas.");
}

using Microsoft.EntityFrameworkCore;
using Portique.Accounts;
using Portique.Common.Authorization;
using Portique.Common.Data;
using Portique.Organisation;

namespace Portique.Web;

/// <summary>What the signed-in user may do, so the menus offer only that: computed once per request from the active memberships.</summary>
public sealed record Rights(bool HasStructure, bool Invoicing, bool Refunds, bool Connections, bool IsOperator, bool IsCustoms);

/// <summary>The rights behind the menus (one query per page, memberships with their habilitations).</summary>
public sealed class MenuRights(PortiqueDb db, CurrentUser user, IHttpContextAccessor http)
{
    private Rights? _rights;

    public async Task<Rights> GetAsync()
    {
        if (_rights is not null)
            return _rights;
        var principal = http.HttpContext?.User;
        if (principal?.Identity?.IsAuthenticated != true)
            return _rights = new Rights(false, false, false, false, false, false);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id && m.IsActive).ToListAsync(http.HttpContext!.RequestAborted);
        bool Any(PortalApplication application) => memberships.Any(m => m.AllowsSomewhere(application, HabilitationProfile.Consultation));
        var customs = principal.IsInRole(Roles.Customs);
        return _rights = new Rights(
            HasStructure: memberships.Count > 0,
            Invoicing: Any(PortalApplication.FacturesEmises) || Any(PortalApplication.FacturesRecues) || Any(PortalApplication.FacturesAValider),
            Refunds: Any(PortalApplication.RemboursementTaxes) || customs,
            Connections: memberships.Any(m => m.IsPrincipal) || Any(PortalApplication.Raccordements),
            IsOperator: user.IsOperator,
            IsCustoms: customs);
    }
}

using Microsoft.AspNetCore.Mvc;

namespace Portique.Web.ViewComponents;

/// <summary>Menu entries that depend on the signed-in user (operator pages). Modules add their entries here.</summary>
public sealed class MenuExtensionsViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => View(UserClaimsPrincipal.IsInRole(Portique.Accounts.Roles.Operator));
}

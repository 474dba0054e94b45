using Microsoft.AspNetCore.Mvc;

namespace Portique.Web.ViewComponents;

/// <summary>Menu entries that depend on what the signed-in user may do (refunds, operator pages). Modules add their entries here.</summary>
public sealed class MenuExtensionsViewComponent(MenuRights menu) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await menu.GetAsync());
}

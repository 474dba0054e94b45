using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portique.Common;

namespace Portique.Web.Pages;

/// <summary>Base of the portal's pages: runs a use case and shows a refused rule on the page instead of an error page.</summary>
public abstract class PortiquePage : PageModel
{
    /// <summary>The stable code of the last refusal, shown next to the message so users can quote it to support.</summary>
    public string? ErrorCode { get; private set; }

    protected async Task<IActionResult> Run(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (PortiqueException e) when (e.Status != 404)
        {
            ErrorCode = e.Code;
            ModelState.AddModelError(string.Empty, e.Message);
            await OnRefusedAsync();
            return Page();
        }
    }

    /// <summary>Reloads what the page shows after a refusal (the form keeps the posted values).</summary>
    protected virtual Task OnRefusedAsync() => Task.CompletedTask;

    protected IActionResult Done(string message, string url)
    {
        TempData["Message"] = message;
        return Redirect(url);
    }
}

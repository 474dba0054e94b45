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
        // An unknown id in the address is the error page's; an unknown value typed in a field is the form's.
        catch (PortiqueException e) when (e.Status != 404 || e.Field is not null)
        {
            ErrorCode = e.Code;
            // A refused field is shown next to its input, under the label the user sees rather than the API's name.
            if (FieldOf(e) is var (key, label))
                ModelState.AddModelError(key, e.Field is null ? e.Message : e.Message.Replace($"« {e.Field} »", $"« {label} »", StringComparison.Ordinal));
            else
                ModelState.AddModelError(string.Empty, e.Message);
            await OnRefusedAsync();
            return Page();
        }
    }

    /// <summary>The form key and visible label of the field a refusal names (<see cref="PortiqueException.Field"/>), or null to show it above the form.</summary>
    protected virtual (string Key, string Label)? FieldOf(PortiqueException refusal) => null;

    /// <summary>Reloads what the page shows after a refusal (the form keeps the posted values).</summary>
    protected virtual Task OnRefusedAsync() => Task.CompletedTask;

    protected IActionResult Done(string message, string url)
    {
        TempData["Message"] = message;
        return Redirect(url);
    }
}

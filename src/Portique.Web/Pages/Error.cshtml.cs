using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portique.Common;

namespace Portique.Web.Pages;

/// <summary>
/// Every error a person meets in the portal — unknown address or id, forbidden, oversized upload, unexpected failure — as a
/// page with the layout saying what happened and what to do; the APIs keep their ProblemDetails (ErrorHandler).
/// Reached by re-execution, with the original method, so it answers any method and checks no antiforgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string? Code { get; private set; }
    /// <summary>The refusal's own message when there is one (already in French), else null and the page words the status.</summary>
    public string? Detail { get; private set; }

    // No parameter is bound: binding a re-executed POST would read its body, which may be the oversized upload refused.
    public IActionResult OnGet() => Describe();

    public IActionResult OnPost() => Describe();

    public IActionResult OnPut() => Describe();

    public IActionResult OnDelete() => Describe();

    public IActionResult OnPatch() => Describe();

    private IActionResult Describe()
    {
        int? code = int.TryParse(RouteData.Values["code"]?.ToString(), out var c) ? c : null;
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>();
        // An API call that failed unexpectedly lands here too (ErrorHandler leaves it, so it is logged): it stays JSON.
        if (failure is not null && Portique.Common.Errors.ErrorHandler.IsApi(new PathString(failure.Path)))
        {
            var problem = new ProblemDetails { Status = 500, Title = "INTERNAL_ERROR", Detail = "Erreur interne : la demande n'a pas abouti. Réessayez ; si cela se reproduit, signalez-le au support." };
            problem.Extensions["code"] = "INTERNAL_ERROR";
            return new ObjectResult(problem) { StatusCode = 500, ContentTypes = { "application/problem+json" } };
        }
        var error = failure?.Error;
        Status = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        if (error is PortiqueException p)
        {
            (Status, Code, Detail) = (p.Status, p.Code, p.Message);
        }
        // Opened directly (/Error/404), the page still answers with the status it describes.
        Response.StatusCode = Status;
        return Page();
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common;

namespace Portique.Web.Pages.Account;

/// <summary>Second step of a login: the password was right, Identity's two-factor cookie holds the pending user.</summary>
public sealed class LoginWith2faModel(SignInManager<User> signIn) : PortiquePage
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }
    [BindProperty] public bool RememberMachine { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public Task<IActionResult> OnPostAsync() => Run(async () =>
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("/Account/Login");
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberMachine);
        return TwoFactorOutcome(result, ReturnUrl, "TWO_FACTOR_CODE_INVALID", "Code incorrect ou expiré.");
    });

    internal static IActionResult TwoFactorOutcome(Microsoft.AspNetCore.Identity.SignInResult result, string? returnUrl, string code, string message)
    {
        if (result.Succeeded)
            return new LocalRedirectResult(returnUrl is { Length: > 1 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        if (result.IsLockedOut)
            throw new PortiqueException("ACCOUNT_LOCKED", "Trop de tentatives échouées : le compte est verrouillé pendant 15 minutes.");
        throw new PortiqueException(code, message);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;

namespace Portique.Web.Pages.Account;

/// <summary>Second step of a login without the authenticator app: a single-use recovery code.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<User> signIn) : PortiquePage
{
    [BindProperty] public string RecoveryCode { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public Task<IActionResult> OnPostAsync() => Run(async () =>
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("/Account/Login");
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        return LoginWith2faModel.TwoFactorOutcome(result, ReturnUrl, "RECOVERY_CODE_INVALID", "Code de récupération incorrect ou déjà utilisé.");
    });
}

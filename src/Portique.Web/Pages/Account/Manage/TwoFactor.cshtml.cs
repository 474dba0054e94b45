using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portique.Accounts;
using Portique.Common;
using Portique.Common.Audit;
using Portique.Common.Data;

namespace Portique.Web.Pages.Account.Manage;

/// <summary>TOTP with an authenticator app, entirely through Identity's authenticator token provider.</summary>
public sealed class TwoFactorModel(UserManager<User> users, PortiqueSignInManager signIn, PortiqueDb db, TimeProvider clock) : PortiquePage
{
    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string FormattedKey => string.Join(' ', SharedKey.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>The otpauth address as a QR code (PNG data URI), which authenticator apps scan instead of typing the key.</summary>
    public string QrCode => "data:image/png;base64," + Convert.ToBase64String(QRCoder.PngByteQRCodeHelper.GetQRCode(AuthenticatorUri, QRCoder.QRCodeGenerator.ECCLevel.M, 5));
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    [BindProperty] public string Code { get; set; } = "";
    /// <summary>The password or a current code, asked before the second factor is turned off (a session alone is not enough).</summary>
    [BindProperty] public string Confirmation { get; set; } = "";

    public async Task OnGetAsync() => await LoadAsync(await CurrentAsync());

    public Task<IActionResult> OnPostEnableAsync() => Run(async () =>
    {
        var user = await CurrentAsync();
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            throw new PortiqueException("TWO_FACTOR_CODE_INVALID", "Code incorrect : vérifiez l'heure de votre téléphone et saisissez le code affiché.");
        AccountErrors.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, true));
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await AuditAsync(user, "account.2fa.enable");
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    });

    public Task<IActionResult> OnPostDisableAsync() => Run(async () =>
    {
        var user = await CurrentAsync();
        await TwoFactorConfirmation.EnsureAsync(users, signIn, user, Confirmation, passwordAllowed: true);
        AccountErrors.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
        // A new key: re-enabling means adding Portique to the app again, the old entry stops working.
        AccountErrors.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
        await AuditAsync(user, "account.2fa.disable");
        await signIn.RefreshSignInAsync(user);
        return Done("La double authentification est désactivée.", "/Account/Manage/TwoFactor");
    });

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await CurrentAsync();
        if (!user.TwoFactorEnabled)
            return RedirectToPage();
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await LoadAsync(user);
        return Page();
    }

    protected override async Task OnRefusedAsync() => await LoadAsync(await CurrentAsync());

    private async Task<User> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new PortiqueException("NOT_AUTHENTICATED", "Authentification requise.", 401);

    private async Task LoadAsync(User user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            AccountErrors.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
            // A new key renews the security stamp, which every request checks: the session's cookie follows.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = key!;
        var label = Uri.EscapeDataString($"Portique:{user.Email}");
        AuthenticatorUri = $"otpauth://totp/{label}?secret={SharedKey}&issuer=Portique&digits=6";
    }

    private async Task AuditAsync(User user, string action)
    {
        db.AuditEntries.Add(AuditEntry.Record(clock.GetUtcNow(), user.Id, action, targetUserId: user.Id));
        await db.SaveChangesAsync();
    }
}

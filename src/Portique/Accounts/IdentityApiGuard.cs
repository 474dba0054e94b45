using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Portique.Accounts;

/// <summary>
/// Around MapIdentityApi's endpoints (/api/v1/account/...), what the framework's own handlers do not do:
/// /register answers an address that already has an account as it answers a new one (same password checks, then 200, and
/// an e-mail to the owner); /manage/2fa wants a current code before the second factor is turned off or its key or recovery
/// codes renewed. (/login is throttled in PortiqueSignInManager; /forgotPassword already answers the same for everyone.)
/// </summary>
internal sealed class IdentityApiGuard : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is { Email.Length: > 0 } register)
        {
            var users = services.GetRequiredService<UserManager<User>>();
            if (await users.FindByEmailAsync(register.Email) is null)
                return await next(context);
            var check = await ExistingAccounts.ValidatePasswordAsync(users, new User { UserName = register.Email, Email = register.Email }, register.Password);
            if (!check.Succeeded)
                return TypedResults.ValidationProblem(check.Errors.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
            await services.GetRequiredService<OutboxEmailSender>().SendAlreadyRegisteredAsync(register.Email);
            return TypedResults.Ok();
        }
        if (context.Arguments.OfType<TwoFactorRequest>().FirstOrDefault() is { } twoFactor
            && (twoFactor.Enable == false || twoFactor.ResetSharedKey || twoFactor.ResetRecoveryCodes))
        {
            var users = services.GetRequiredService<UserManager<User>>();
            if (await users.GetUserAsync(context.HttpContext.User) is { TwoFactorEnabled: true } user)
                await TwoFactorConfirmation.EnsureAsync(users, services.GetRequiredService<PortiqueSignInManager>(), user, twoFactor.TwoFactorCode, passwordAllowed: false);
        }
        return await next(context);
    }
}

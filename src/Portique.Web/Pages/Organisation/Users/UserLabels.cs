using Microsoft.Extensions.Localization;
using Portique.Common;
using Portique.Organisation;
using Portique.Organisation.Users;

namespace Portique.Web.Pages.Organisation.Users;

/// <summary>French labels of the users pages' enumerations, translated through the same resource as the pages.</summary>
internal static class UserLabels
{
    public static string Role(IStringLocalizer l, MemberRole role) =>
        role == MemberRole.PrincipalManager ? l["Gestionnaire principal"] : l["Utilisateur simple"];

    public static string Status(IStringLocalizer l, AccountStatus status) => status switch
    {
        AccountStatus.Active => l["Actif"],
        AccountStatus.Unconfirmed => l["Non activé"],
        _ => l["Désactivé"],
    };

    public static string Application(IStringLocalizer l, PortalApplication application) => l[application.Label()];

    public static string Profile(IStringLocalizer l, HabilitationProfile profile) => l[profile.Label()];

    public static string Habilitation(IStringLocalizer l, HabilitationView h) =>
        $"{Application(l, h.Application)} : {Profile(l, h.Profile)}" + (h.ServiceCode is null ? "" : $" ({h.ServiceCode})");

    /// <summary>
    /// An e-mail typed in a form that matches no account is a mistake to show on the form, not a missing page:
    /// the API's 404 becomes a refusal the page displays (PortiquePage.Run shows every non-404 refusal).
    /// </summary>
    public static async Task<T> OnPage<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PortiqueException e) when (e.Code == "USER_NOT_FOUND")
        {
            throw new PortiqueException(e.Code, e.Message);
        }
    }
}

using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Portique.Common.Mail;

namespace Portique.Accounts;

/// <summary>
/// Links e-mailed to account holders point at the web pages, with Identity's tokens encoded as MapIdentityApi
/// encodes them (Base64url of the UTF-8 token), so an API client and a web page can use the same code.
/// </summary>
public static class AccountLinks
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token, or null when the code is not valid Base64url (a mangled link).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
            return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string ConfirmEmail(Outbox outbox, long userId, string token) =>
        outbox.Link($"/Account/ConfirmEmail?userId={userId}&code={Encode(token)}");

    public static string ResetPassword(Outbox outbox, string email, string token) =>
        outbox.Link($"/Account/ResetPassword?email={Uri.EscapeDataString(email)}&code={Encode(token)}");

    public static string Reactivate(Outbox outbox, long userId, string token) =>
        outbox.Link($"/Account/Reactivate?userId={userId}&code={Encode(token)}");
}

using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Portique.Accounts.Passwords;

/// <summary>
/// Refuses the passwords attackers try first: one of the 30,000 most common (list shipped with the product, NOTICE.md),
/// or one of them with digits and symbols added at the end ("soleil2024!!!!", "password123456"), whatever the case.
/// Runs with Identity's own rules on every password set: sign-up, reset, change, by page or API.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<User>
{
    public const string Code = "PasswordCommon";

    /// <summary>A shorter root is not judged on its own: "ab" + twelve digits is refused for other reasons, or not at all.</summary>
    private const int MinimumRoot = 4;

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = "Ce mot de passe figure parmi les plus courants (listes de mots de passe divulgués) : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
            })
            : IdentityResult.Success);

    public static bool IsCommon(string password)
    {
        var lowered = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(lowered))
            return true;
        var root = lowered.TrimEnd("0123456789!?.,;:-_*#@$%&+=~ ".ToCharArray());
        return root.Length >= MinimumRoot && root.Length < lowered.Length && List.Value.Contains(root);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Portique.Accounts.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is not embedded in Portique.dll.");
        using var reader = new StreamReader(stream);
        var words = new List<string>(30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                words.Add(line);
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

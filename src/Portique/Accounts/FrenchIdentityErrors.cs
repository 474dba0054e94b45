using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Portique.Accounts;

/// <summary>
/// ASP.NET Core Identity's messages (password rules, taken e-mail, invalid link) in French; English users keep Identity's own.
/// The codes stay Identity's, which <see cref="AccountErrors"/> maps to the portal's stable codes.
/// </summary>
public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static IdentityError Error(IdentityError english, string french) => English ? english : new IdentityError { Code = english.Code, Description = french };

    public override IdentityError DefaultError() => Error(base.DefaultError(), "Une erreur inconnue s'est produite.");
    public override IdentityError ConcurrencyFailure() => Error(base.ConcurrencyFailure(), "Le compte a été modifié entre-temps : rechargez la page et réessayez.");
    public override IdentityError PasswordMismatch() => Error(base.PasswordMismatch(), "Mot de passe incorrect.");
    public override IdentityError InvalidToken() => Error(base.InvalidToken(), "Ce lien n'est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau.");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(base.RecoveryCodeRedemptionFailed(), "Ce code de récupération n'est pas valable.");
    public override IdentityError LoginAlreadyAssociated() => Error(base.LoginAlreadyAssociated(), "Cette connexion externe est déjà associée à un compte.");
    public override IdentityError InvalidUserName(string? userName) => Error(base.InvalidUserName(userName), $"L'identifiant « {userName} » n'est pas valable : utilisez votre adresse e-mail.");
    public override IdentityError InvalidEmail(string? email) => Error(base.InvalidEmail(email), $"L'adresse e-mail « {email} » n'est pas valable.");
    public override IdentityError DuplicateUserName(string userName) => Error(base.DuplicateUserName(userName), $"Un compte existe déjà avec l'adresse « {userName} » : connectez-vous ou réinitialisez votre mot de passe.");
    public override IdentityError DuplicateEmail(string email) => Error(base.DuplicateEmail(email), $"Un compte existe déjà avec l'adresse « {email} » : connectez-vous ou réinitialisez votre mot de passe.");
    public override IdentityError InvalidRoleName(string? role) => Error(base.InvalidRoleName(role), $"Le rôle « {role} » n'est pas valable.");
    public override IdentityError DuplicateRoleName(string role) => Error(base.DuplicateRoleName(role), $"Le rôle « {role} » existe déjà.");
    public override IdentityError UserAlreadyHasPassword() => Error(base.UserAlreadyHasPassword(), "Ce compte a déjà un mot de passe.");
    public override IdentityError UserLockoutNotEnabled() => Error(base.UserLockoutNotEnabled(), "Le verrouillage n'est pas activé pour ce compte.");
    public override IdentityError UserAlreadyInRole(string role) => Error(base.UserAlreadyInRole(role), $"Le compte a déjà le rôle « {role} ».");
    public override IdentityError UserNotInRole(string role) => Error(base.UserNotInRole(role), $"Le compte n'a pas le rôle « {role} ».");
    public override IdentityError PasswordTooShort(int length) => Error(base.PasswordTooShort(length), $"Le mot de passe doit compter au moins {length} caractères.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(base.PasswordRequiresUniqueChars(uniqueChars), $"Le mot de passe doit compter au moins {uniqueChars} caractères différents.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(base.PasswordRequiresNonAlphanumeric(), "Le mot de passe doit contenir au moins un caractère spécial (ni lettre ni chiffre).");
    public override IdentityError PasswordRequiresDigit() => Error(base.PasswordRequiresDigit(), "Le mot de passe doit contenir au moins un chiffre (0-9).");
    public override IdentityError PasswordRequiresLower() => Error(base.PasswordRequiresLower(), "Le mot de passe doit contenir au moins une minuscule (a-z).");
    public override IdentityError PasswordRequiresUpper() => Error(base.PasswordRequiresUpper(), "Le mot de passe doit contenir au moins une majuscule (A-Z).");
}

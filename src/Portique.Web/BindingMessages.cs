using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Portique.Web;

/// <summary>
/// MVC's model-binding messages ("The value 'x' is not valid for DateFacture.") in French, naming no property: the page
/// puts them next to the field the user sees. English users get the same words in English.
/// </summary>
internal static class BindingMessages
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static void Apply(DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, _) => English ? $"The value '{value}' is not valid." : $"La valeur « {value} » n'est pas valable pour ce champ.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => English ? $"The value '{value}' is not valid." : $"La valeur « {value} » n'est pas valable.");
        m.SetUnknownValueIsInvalidAccessor(_ => English ? "The value given is not valid." : "La valeur saisie n'est pas valable pour ce champ.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => English ? "The value given is not valid." : "La valeur saisie n'est pas valable.");
        m.SetValueIsInvalidAccessor(value => English ? $"The value '{value}' is not valid." : $"La valeur « {value} » n'est pas valable.");
        m.SetValueMustBeANumberAccessor(_ => English ? "This field must be a number." : "Ce champ doit être un nombre.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => English ? "This field must be a number." : "Ce champ doit être un nombre.");
        m.SetMissingBindRequiredValueAccessor(_ => English ? "This field is missing." : "Ce champ manque.");
        m.SetMissingKeyOrValueAccessor(() => English ? "A value is missing." : "Une valeur manque.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => English ? "The request has no body." : "La requête n'a pas de contenu.");
        m.SetValueMustNotBeNullAccessor(_ => English ? "This field must not be empty." : "Ce champ ne peut pas être vide.");
    }
}

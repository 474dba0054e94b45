using System.Globalization;
using System.Text;

namespace Portique.Common;

/// <summary>Folds a name for prefix search: upper case, no diacritics ("Société Générale" → "SOCIETE GENERALE").</summary>
public static class SearchKey
{
    public static string Of(string value)
    {
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}

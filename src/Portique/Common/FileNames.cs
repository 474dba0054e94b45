namespace Portique.Common;

/// <summary>
/// A file name received from outside (a deposit, an archive entry, an attachment) as it may be stored and offered for
/// download: its last segment whether the sender used "/" or "\" (Windows archives and browsers send "C:\dir\a.xml", and
/// .NET on Linux does not split on "\"), without control characters, at most <paramref name="maxLength"/> characters
/// with its extension kept. Empty when nothing is left; the caller chooses the fallback or the error.
/// </summary>
public static class FileNames
{
    public static string Safe(string? name, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "";
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var clean = new string(last.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        if (clean is "." or "..")
            return "";
        if (clean.Length <= maxLength)
            return clean;
        var extension = Path.GetExtension(clean);
        return extension.Length < maxLength / 2 ? clean[..(maxLength - extension.Length)] + extension : clean[..maxLength];
    }
}

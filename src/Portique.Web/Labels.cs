namespace Portique.Web;

/// <summary>
/// Marker for the UI's string localizer. Labels are written in French in the pages (the key is the French text);
/// Resources/Labels.en.resx gives the English. A missing English entry shows the French text.
/// </summary>
public sealed class Labels;

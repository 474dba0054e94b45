namespace Portique.Benchmarks.Db.Organisation;

/// <summary>Word lists for realistic French structure names: trades, family names, legal forms, towns.</summary>
internal static class Names
{
    public static readonly string[] Surnames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel",
        "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
        "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier",
        "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
        "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
        "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard",
        "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine",
        "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland",
        "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis",
        "Moulin", "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris",
        "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron", "Bertin",
        "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot",
        "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier",
        "Leblanc", "Barré", "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
        "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay",
    ];

    public static readonly string[] Trades =
    [
        "Boulangerie", "Pâtisserie", "Boucherie", "Charcuterie", "Plomberie", "Électricité", "Menuiserie", "Maçonnerie", "Couverture",
        "Peinture", "Carrelage", "Chauffage", "Serrurerie", "Garage", "Transports", "Taxi", "Ambulances", "Pharmacie", "Optique",
        "Coiffure", "Institut de beauté", "Fleuriste", "Librairie", "Imprimerie", "Informatique", "Conseil", "Expertise comptable",
        "Cabinet d'avocats", "Architecture", "Paysage", "Jardins", "Nettoyage", "Sécurité", "Restauration", "Traiteur", "Hôtel",
        "Auto-école", "Agence immobilière", "Assurances", "Travaux publics", "Terrassement", "Location", "Distribution", "Négoce",
        "Laboratoire", "Clinique vétérinaire", "Cabinet dentaire", "Kinésithérapie", "Formation", "Communication", "Ingénierie",
        "Métallerie", "Scierie", "Ferme", "Vignobles", "Domaine", "Cave", "Brasserie", "Épicerie", "Supérette", "Quincaillerie",
    ];

    public static readonly string[] LegalForms = ["SARL", "SAS", "SASU", "EURL", "SA", "SCI", "SNC", "SCOP"];

    public static readonly string[] Towns =
    [
        "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg", "Bordeaux", "Lille", "Rennes", "Reims",
        "Toulon", "Saint-Étienne", "Le Havre", "Grenoble", "Dijon", "Angers", "Nîmes", "Villeurbanne", "Clermont-Ferrand", "Le Mans",
        "Aix-en-Provence", "Brest", "Tours", "Amiens", "Limoges", "Annecy", "Perpignan", "Boulogne-Billancourt", "Metz", "Besançon",
        "Orléans", "Saint-Denis", "Argenteuil", "Rouen", "Mulhouse", "Montreuil", "Caen", "Nancy", "Saint-Paul", "Roubaix", "Tourcoing",
        "Nanterre", "Vitry-sur-Seine", "Avignon", "Créteil", "Poitiers", "Aubervilliers", "Dunkerque", "Aulnay-sous-Bois", "Colombes",
        "Versailles", "Courbevoie", "Béziers", "Cherbourg", "Rueil-Malmaison", "Pau", "La Rochelle", "Champigny-sur-Marne", "Antibes",
        "Saint-Maur-des-Fossés", "Cannes", "Calais", "Saint-Nazaire", "Mérignac", "Drancy", "Colmar", "Ajaccio", "Bourges", "Issy-les-Moulineaux",
        "Levallois-Perret", "La Seyne-sur-Mer", "Quimper", "Noisy-le-Grand", "Valence", "Villeneuve-d'Ascq", "Neuilly-sur-Seine", "Vénissieux",
        "Troyes", "Pessac", "Chambéry", "Lorient", "Niort", "Sarcelles", "Montauban", "Ivry-sur-Seine", "Cergy", "Clichy", "Villejuif",
        "Épinay-sur-Seine", "Lens", "Hyères", "Beauvais", "Pantin", "Cholet", "Vannes", "Chelles", "Bondy", "Arles", "Fréjus", "Évry",
    ];

    public static readonly string[] Streets =
    [
        "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "place de la Mairie", "rue de la Gare", "boulevard Gambetta",
        "rue Pasteur", "avenue du Général de Gaulle", "rue des Écoles", "chemin des Vignes", "rue du Moulin", "allée des Tilleuls",
    ];

    private static readonly string[] PublicKinds =
    [
        "Commune de", "Mairie de", "Centre communal d'action sociale de", "Collège de", "Lycée de", "Centre hospitalier de",
        "Communauté de communes de", "Syndicat des eaux de", "Office de tourisme de", "École maternelle de",
    ];

    private static readonly string[] Suffixes = ["et Fils", "Frères", "et Associés", "& Cie", "Services", "Bâtiment", "Industrie", "Groupe"];

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

    public static string PublicName(Random rng, string town) => $"{Pick(rng, PublicKinds)} {town}";

    /// <summary>A mix of the shapes seen in the SIRENE register: trade + family name, family name + suffix, legal form first.</summary>
    public static string CompanyName(Random rng) => rng.Next(10) switch
    {
        < 4 => $"{Pick(rng, Trades)} {Pick(rng, Surnames)}",
        < 6 => $"{Pick(rng, Surnames)} {Pick(rng, Suffixes)}",
        < 8 => $"{Pick(rng, Surnames)} {Pick(rng, Trades)} {Pick(rng, Towns)}",
        8 => $"{Pick(rng, LegalForms)} {Pick(rng, Surnames)} {Pick(rng, Trades)}",
        _ => $"{Pick(rng, Trades)} {Pick(rng, Surnames)} {Pick(rng, Surnames)}",
    };
}

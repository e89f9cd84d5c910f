namespace CivilAffairs.Verification.Feeds;

/// <summary>The documented columns of each feed file (header row, comma-separated, UTF-8 or GB18030).</summary>
public static class FeedSchema
{
    public static IReadOnlyList<string> Columns(FeedKind feed) => feed switch
    {
        FeedKind.HouseholdRegistration => ["id_number", "name", "status", "event_date"],
        FeedKind.Tax => ["id_number", "month", "income_type", "amount"],
        FeedKind.SocialInsurance => ["id_number", "month", "pension_received", "central_base_part", "contribution_base"],
        FeedKind.HousingFund => ["id_number", "month", "deposit_base", "balance"],
        FeedKind.RealEstate => ["id_number", "property_id", "use", "area_m2", "registered_on"],
        FeedKind.Vehicles => ["id_number", "plate", "vehicle_type", "purchase_price", "disability_vehicle", "registered_on"],
        FeedKind.MarketEntities => ["id_number", "entity_name", "registered_capital", "status", "registered_on"],
        FeedKind.BankDeposits => ["id_number", "bank", "balance", "as_of"],
        FeedKind.Securities => ["id_number", "account", "market_value", "as_of"],
        FeedKind.CommercialInsurance => ["id_number", "policy_no", "cash_value", "as_of"],
        FeedKind.Utilities => ["id_number", "month", "amount"],
        _ => throw new ArgumentOutOfRangeException(nameof(feed)),
    };

    /// <summary>The file name used in docs and by the bench generator: household_registration.csv, tax.csv, …</summary>
    public static string FileName(FeedKind feed) => feed switch
    {
        FeedKind.HouseholdRegistration => "household_registration.csv",
        FeedKind.Tax => "tax.csv",
        FeedKind.SocialInsurance => "social_insurance.csv",
        FeedKind.HousingFund => "housing_fund.csv",
        FeedKind.RealEstate => "real_estate.csv",
        FeedKind.Vehicles => "vehicles.csv",
        FeedKind.MarketEntities => "market_entities.csv",
        FeedKind.BankDeposits => "bank_deposits.csv",
        FeedKind.Securities => "securities.csv",
        FeedKind.CommercialInsurance => "commercial_insurance.csv",
        _ => "utilities.csv",
    };

    public static string DisplayName(FeedKind feed) => feed switch
    {
        FeedKind.HouseholdRegistration => "户籍与死亡（公安）",
        FeedKind.Tax => "收入（税务）",
        FeedKind.SocialInsurance => "社会保险",
        FeedKind.HousingFund => "住房公积金",
        FeedKind.RealEstate => "不动产登记",
        FeedKind.Vehicles => "车辆",
        FeedKind.MarketEntities => "市场主体登记",
        FeedKind.BankDeposits => "银行存款",
        FeedKind.Securities => "证券",
        FeedKind.CommercialInsurance => "商业保险",
        _ => "水电气费用",
    };

    /// <summary>Feeds whose rows are monthly figures (the "month" column).</summary>
    public static bool IsMonthly(FeedKind feed) => feed is FeedKind.Tax or FeedKind.SocialInsurance or FeedKind.HousingFund or FeedKind.Utilities;
}

using System.Text;
using CivilAffairs.Verification;
using CivilAffairs.Verification.Engine;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Verification.Rules;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Areas.Verification.Features;

namespace CivilAffairs.Tests.Verification;

/// <summary>A batch's anomaly evidence names the items and the member concerned, never a full ID number.</summary>
public sealed class AnomalyEvidenceTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private const string Husband = "11010519491231002X";
    private const string Wife = "440524188001010014";

    private static FeedTable Table(FeedKind feed, string rows) =>
        FeedTable.From(FeedParser.Parse(feed, Encoding.UTF8.GetBytes(string.Join(',', FeedSchema.Columns(feed)) + "\n" + rows), AsOf), AsOf);

    [Fact]
    public void Each_finding_names_its_items_and_members()
    {
        var feeds = new FeedSet([
            Table(FeedKind.HouseholdRegistration, $"{Husband},某某,normal,\n{Wife},某某,deceased,2026-03-02\n"),
            Table(FeedKind.MarketEntities, $"{Husband},黄石港区某某商行,50000.00,active,2019-04-01\n{Husband},已注销的店,1.00,cancelled,2010-01-01\n"),
            Table(FeedKind.RealEstate, $"{Husband},HS-1,residential,80.00,2010-01-01\n{Wife},HS-2,residential,60.50,2012-01-01\n{Wife},SP-9,commercial,30.00,2015-01-01\n"),
            Table(FeedKind.Vehicles, $"{Wife},鄂B77777,小型轿车,90000.00,N,2021-03-01\n{Husband},鄂B88888,残疾人专用车,20000.00,Y,2020-01-01\n"),
        ]);
        var household = new HouseholdInput(7, [PersonKey.Pack(Husband), PersonKey.Pack(Wife)]);
        var detail = Verifier.VerifyHousehold(household, feeds, RuleBook.Default, AsOf, new HashSet<ulong> { PersonKey.Pack(Husband) });
        var findings = BatchVerificationJob.Findings(detail.Summary, RuleBook.Default.For(AsOf), new Dictionary<int, long>(), detail)
            .ToDictionary(f => f.Kind, f => f.Evidence);

        Assert.Equal("登记在业的市场主体 1 个：110105********002X 登记在业的市场主体 黄石港区某某商行（注册资本 50,000.00 元，2019-04-01 登记）", findings[AnomalyKind.Business]);
        Assert.Equal("名下机动车 1 辆（残疾人专用车除外）：440524********0014 机动车 鄂B77777 小型轿车（购置价 90,000.00 元，2021-03-01 登记）", findings[AnomalyKind.Vehicle]);
        Assert.Equal("住宅 2 套，超过 1 套：110105********002X 住宅房产 HS-1，80.00 平方米；440524********0014 住宅房产 HS-2，60.50 平方米", findings[AnomalyKind.MultipleHomes]);
        Assert.Equal("商业/工业用房 1 处：440524********0014 商业房产 SP-9，30.00 平方米", findings[AnomalyKind.CommercialProperty]);
        Assert.Equal("户籍数据显示有成员已死亡，但仍被计入家庭：440524********0014 死亡日期 2026-03-02", findings[AnomalyKind.DeceasedMember]);
        Assert.Equal("有成员同时被计入另一户：110105********002X", findings[AnomalyKind.MemberInTwoHouseholds]);
        Assert.DoesNotContain(findings.Values, e => e.Contains(Husband) || e.Contains(Wife));

        // without the detail (a household with only figure-level findings) the counts alone are given
        var plain = BatchVerificationJob.Findings(detail.Summary, RuleBook.Default.For(AsOf), new Dictionary<int, long>()).ToDictionary(f => f.Kind, f => f.Evidence);
        Assert.Equal("名下机动车 1 辆（残疾人专用车除外）", plain[AnomalyKind.Vehicle]);
    }
}

namespace DigitalTrade.Graph.Api.Tests;

/// <summary>A small corpus for API tests, written to a temporary folder: two agreements, their parties, two provinces with bases, a case, a policy and a table.</summary>
internal static class ApiCorpus
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Written = new(StringComparer.Ordinal);

    /// <summary>True for folders this class wrote, which a test may delete; never the shipped corpus.</summary>
    public static bool WroteFolder(string path) => Written.ContainsKey(Path.GetFullPath(path));

    public static string Write()
    {
        var root = Path.Combine(Path.GetTempPath(), "dtg-api-" + Guid.NewGuid().ToString("N"));
        Written[Path.GetFullPath(root)] = true;
        void File(string path, string kind, string zh, string en, string extra, string body)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            System.IO.File.WriteAllText(full, $"---\nkind: {kind}\nname:\n  zh: {zh}\n  en: {en}\nsummary:\n  zh: {zh}。\n  en: {en}.\n{extra}\nsources:\n  - section: \"综述篇 > 测试\"\n---\n::: zh\n{body}\n:::\n\n::: en\nAbout {en}.\n:::\n");
        }

        File("agreements/depa.md", "agreement", "数字经济伙伴关系协定", "Digital Economy Partnership Agreement",
            "aliases: [DEPA]\ntype: agreement\nstatus: in_force\ndates:\n  signed: 2020-06",
            "由[新加坡](../economies/singapore.md)等发起。");
        File("agreements/rcep.md", "agreement", "区域全面经济伙伴关系协定", "Regional Comprehensive Economic Partnership",
            "aliases: [RCEP]\ntype: agreement\nstatus: in_force\ndates:\n  in_force: 2022-01-01", "区域协定。");
        File("economies/china.md", "economy", "中国", "China",
            "type: country\nrelations:\n  APPLIED_TO:\n    - target: agreements/depa\n      date: 2021-11\n  PARTY_TO: [agreements/rcep]", "中国。");
        File("economies/singapore.md", "economy", "新加坡", "Singapore", "type: country\nrelations:\n  PARTY_TO: [agreements/depa, agreements/rcep]", "新加坡。");
        File("economies/chile.md", "economy", "智利", "Chile", "type: country\nrelations:\n  PARTY_TO: [agreements/depa]", "智利。");
        File("economies/new-zealand.md", "economy", "新西兰", "New Zealand", "type: country\nrelations:\n  PARTY_TO: [agreements/depa, agreements/rcep]", "新西兰。");
        File("economies/south-korea.md", "economy", "韩国", "South Korea",
            "type: country\nrelations:\n  PARTY_TO:\n    - target: agreements/depa\n      date: 2024-05\n      role: member\n    - agreements/rcep", "韩国。");
        File("organizations/mofcom.md", "organization", "商务部", "Ministry of Commerce", "aliases: [MOFCOM]\ntype: government", "商务部。");
        File("provinces/zhejiang.md", "province", "浙江省", "Zhejiang", "type: province\nrelations:\n  LOCATED_IN: economies/china", "浙江。");
        File("provinces/beijing.md", "province", "北京市", "Beijing", "type: municipality\nrelations:\n  LOCATED_IN: economies/china", "北京。");
        File("cities/hangzhou.md", "city", "杭州", "Hangzhou", "relations:\n  LOCATED_IN: provinces/zhejiang", "杭州。");
        File("bases/hangzhou-binjiang-iot-park.md", "base", "杭州高新区（滨江）物联网产业园", "Hangzhou Hi-tech Zone (Binjiang) IoT Industrial Park",
            "relations:\n  LOCATED_IN: [cities/hangzhou, provinces/zhejiang]", "滨江。");
        File("bases/zhongguancun-software-park.md", "base", "中关村软件园", "Zhongguancun Software Park",
            "relations:\n  LOCATED_IN: provinces/beijing\nfigures:\n  - name: { zh: 数字服务出口收入, en: Digital services export revenue }\n    value: 152.4\n    unit: 亿元\n    period: 2024\n    source: { section: \"综述篇 > 测试\" }",
            "中关村。");
        File("policies/data-flow-provisions.md", "policy", "促进和规范数据跨境流动规定", "Provisions on Promoting and Regulating Cross-Border Data Flows",
            "level: national\ntype: regulation\ndates:\n  issued: 2024-03\nrelations:\n  ISSUED_BY: organizations/mofcom\n  APPLIES_TO: economies/china", "数据跨境。");
        File("cases/binjiang-ip.md", "case", "滨江知识产权护航", "Binjiang IP protection",
            "theme: ip_services\nrelations:\n  LOCATED_IN: [provinces/zhejiang, cities/hangzhou]\n  INVOLVES: [bases/hangzhou-binjiang-iot-park, organizations/mofcom]\n  USES: policies/data-flow-provisions",
            "案例见[基地](../bases/hangzhou-binjiang-iot-park.md)与 [DEPA](../agreements/depa.md)。");
        File("indicators/table-06.md", "indicator", "中国可数字化交付服务进出口", "China's digitally deliverable services trade",
            "table: 表6\nunit: 亿美元，%\ndata_source: 商务部\nseries:\n  - id: exports\n    name: { zh: 出口额, en: Exports }\n    unit: 亿美元\n  - id: exports_yoy\n    name: { zh: 出口同比, en: \"Exports, year on year\" }\n    unit: \"%\"\nrows:\n  - { period: 2023, economy: economies/china, exports: 2190.4, exports_yoy: 4 }\n  - { period: 2024, economy: economies/china, exports: 2327.1, exports_yoy: 6.3 }\nrelations:\n  DATA_FROM: organizations/mofcom",
            "表6。");
        return root;
    }
}

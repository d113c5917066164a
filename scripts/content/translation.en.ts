/**
 * Hand-written English for the first pledge (中国科协 2020 appeal to
 * scientists, seed/000_999186171fd44ce9.txt), and the English names and CAST
 * branch of its 171 co-signing societies.
 *
 * scripts/build-content.ts attaches this to the converted Chinese texts and
 * fails if the society table and the seed's society list do not match exactly
 * (a missing entry or an unused entry is an error), so a typo in a key here is
 * caught at build time.
 *
 * Text conventions: typographic quotes “ ” as in the Chinese; no Markdown
 * syntax (the bodies end up in a Markdown subset, see scripts/build-seed.ts).
 */

export interface PledgeText {
  title: string;
  subtitle: string;
  tagline: string;
  intro: string;
  sections: { heading: string; body: string }[];
  closing: string;
  societiesHeading: string;
}

/**
 * CAST groups its national societies into five branches: 理科 science,
 * 工科 engineering, 农科 agriculture, 医科 medicine, 交叉学科 interdisciplinary.
 * `other` exists for a society whose branch is unclear (none at present).
 */
export const CATEGORIES = ['science', 'engineering', 'agriculture', 'medicine', 'interdisciplinary', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const EN_TEXT: PledgeText = {
  title: 'An Appeal to the Science and Technology Workers of China',
  subtitle: 'In the Battle Against the Epidemic, Count Me In: Science and Technology Volunteer Service for the Decisive Fight',
  tagline: '— An appeal to science and technology workers across the country',
  intro:
    'Epidemic prevention and control has entered a critical period that is more complex and more severe. To thoroughly implement the spirit of the series of important instructions given by General Secretary Xi Jinping, to further rally the strength of science and technology workers, and to resolutely win the battle to contain the epidemic, the China Association for Science and Technology and its national societies issue the following appeal to science and technology workers throughout the country:',
  sections: [
    {
      heading: '1. United as one, serving the front line.',
      body: 'Take the initiative and shoulder responsibility, speak up rationally, work together in concert and act scientifically, providing professional support for defeating the epidemic. Give warm care and solid assistance to the science and technology workers on the front line of prevention and control who are heading “against the tide”, helping them by keeping the home front secure and making sure they are well supported. Use 5G, artificial intelligence and other new technologies to support the front line with big-data analysis, remote consultations, online diagnosis and more. Keep the channels of communication with science and technology workers open, promptly pass on the voices of the front line, and effectively resolve the practical difficulties science and technology workers face. Actively protect science and technology workers, and stand behind them and cheer them on.',
    },
    {
      heading: '2. Tackling key problems together, serving decision-making.',
      body: 'Encourage science and technology workers to step up research on key problems, with those at the front and those behind the lines acting in concert and cooperating fully, so that research results are promptly put to use at the very front of the fight against the epidemic, and papers are written on its front line. Provide technical support to enterprises resuming production to sustain the fight against the epidemic. Drawing on the latest research progress and breakthroughs, strengthen information sharing, pool the wisdom of professional peers at home and abroad, and organize comprehensive multidisciplinary assessments, providing an academic basis and intellectual support for science-based decision-making by government departments.',
    },
    {
      heading: '3. Science popularization everywhere, serving society.',
      body: 'Advocate scientific methods and spread knowledge about epidemic prevention. Keep a firm grip on the key task of stopping the spread of the epidemic, answer questions and dispel doubts among key groups of people and in key areas, and help the public to understand science, trust science and rely on science. Make full use of Kepu China (Science Popularization China) and other online platforms to provide authoritative popular-science content; use many kinds of media and many approaches to refute rumors with science in a targeted way, spread positive energy, guide the public to pass on true knowledge, and strengthen the whole of society’s confidence in fighting the epidemic. Let the science and technology community actively provide psychological support and counseling services, steadying, warming and uniting people’s hearts, and reducing anxiety, panic and disorder in society. Mobilize societies, research institutions and universities to develop and share online courses such as the “Classroom in the Air”, providing richer learning resources so that primary and secondary school students can keep learning while classes are suspended.',
    },
    {
      heading: '4. Bringing resources to the grassroots, serving local communities.',
      body: 'Fully implement the joint prevention and control measures, and make a real contribution to building a tight line of defense in which the whole public takes part in prevention and control. Strengthen our role as a hub: open up connections and build platforms. The national societies should take the lead and set an example, leading societies at every level to unite the broad ranks of science and technology workers so that each can contribute their strengths: organize free medical consultations and psychological counseling, launch online courses, and bring together development proposals, providing volunteer services in many forms to people at the grassroots and to local communities. Form science and technology volunteer teams suited to local conditions that, under the leadership of the local Party committee and government, serve the public to the best of their abilities, and do our part, with heart and hand, to build a rational, mutually supportive and caring social environment.',
    },
    {
      heading: '5. Strengthening the bastion, serving the people.',
      body: 'Stay true to our original aspiration and keep our mission firmly in mind: everything for the people and everything relying on the people, tempering Party spirit and testing cadres in this great battle. Uphold the leading role of Party building and let Party organizations play their role as fighting bastions; rely closely on science and technology workers and organize them effectively; strengthen the awareness of service, deliver services that make a real difference, avoid formalism and lighten the burden on the grassroots. Promptly discover and publicize outstanding examples and moving stories of science and technology workers in the fight against the epidemic, and rally positive energy to get through these hard times together.',
    },
  ],
  closing:
    '“Research should take serving the country as its duty; learning must take serving the people as its glory.” Preventing and stopping large-scale outbreaks of emerging infectious diseases is an enormous challenge and a shared responsibility for all of us. Together with the people of the whole country, under the strong leadership of the Party Central Committee, we will vigorously carry forward the spirit of science and technology volunteer service, united as one, going all out and overcoming every difficulty, to win final victory in the battle to contain the epidemic.',
  societiesHeading: 'Co-signing national societies (in no particular order):',
};

/**
 * English name and CAST branch of each co-signing society, keyed by its
 * Simplified Chinese name (the OpenCC output, so a conversion surprise shows
 * up as a missing key). Names are the societies' own English names where they
 * use one; entries marked `// tr.` are our translation because we could not
 * confirm an official English name.
 *
 * Branches follow CAST's classification of its national societies; note that
 * CAST files 中国农业机械学会/中国农业工程学会/中国食品科学技术学会/中国粮油学会
 * under engineering, 中国体育科学学会 under medicine, and
 * 中国农村专业技术协会/中国城市规划学会 under interdisciplinary.
 */
export const SOCIETIES_EN: Readonly<Record<string, { en: string; category: Category }>> = {
  // The first ~50 names of the seed are mixed across branches.
  中国数学会: { en: 'Chinese Mathematical Society', category: 'science' },
  中国物理学会: { en: 'Chinese Physical Society', category: 'science' },
  中国化学会: { en: 'Chinese Chemical Society', category: 'science' },
  中国天文学会: { en: 'Chinese Astronomical Society', category: 'science' },
  中国空间科学学会: { en: 'Chinese Society of Space Research', category: 'science' },
  中国地理学会: { en: 'Geographical Society of China', category: 'science' },
  中国动物学会: { en: 'China Zoological Society', category: 'science' },
  中国微生物学会: { en: 'Chinese Society for Microbiology', category: 'science' },
  中国生物化学与分子生物学会: { en: 'Chinese Society of Biochemistry and Molecular Biology', category: 'science' },
  中国细胞生物学学会: { en: 'Chinese Society for Cell Biology', category: 'science' },
  中国生物物理学会: { en: 'Biophysical Society of China', category: 'science' },
  中国心理学会: { en: 'Chinese Psychological Society', category: 'science' },
  中国野生动物保护协会: { en: 'China Wildlife Conservation Association', category: 'science' },
  中国机械工程学会: { en: 'Chinese Mechanical Engineering Society', category: 'engineering' },
  中国电工技术学会: { en: 'China Electrotechnical Society', category: 'engineering' },
  中国制冷学会: { en: 'Chinese Association of Refrigeration', category: 'engineering' },
  中国自动化学会: { en: 'Chinese Association of Automation', category: 'engineering' },
  中国电子学会: { en: 'Chinese Institute of Electronics', category: 'engineering' },
  中国计算机学会: { en: 'China Computer Federation', category: 'engineering' },
  中国通信学会: { en: 'China Institute of Communications', category: 'engineering' },
  中国航空学会: { en: 'Chinese Society of Aeronautics and Astronautics', category: 'engineering' },
  中国兵工学会: { en: 'China Ordnance Society', category: 'engineering' },
  中国核学会: { en: 'Chinese Nuclear Society', category: 'engineering' },
  中国人工智能学会: { en: 'Chinese Association for Artificial Intelligence', category: 'engineering' },
  中国指挥与控制学会: { en: 'Chinese Institute of Command and Control', category: 'engineering' },
  中国农学会: { en: 'China Association of Agricultural Science Societies', category: 'agriculture' },
  中华医学会: { en: 'Chinese Medical Association', category: 'medicine' },
  中华中医药学会: { en: 'China Association of Chinese Medicine', category: 'medicine' },
  中国中西医结合学会: { en: 'Chinese Association of Integrative Medicine', category: 'medicine' },
  中国药学会: { en: 'Chinese Pharmaceutical Association', category: 'medicine' },
  中华护理学会: { en: 'Chinese Nursing Association', category: 'medicine' },
  中国生理学会: { en: 'Chinese Association for Physiological Sciences', category: 'medicine' },
  中国生物医学工程学会: { en: 'Chinese Society of Biomedical Engineering', category: 'medicine' },
  中国病理生理学会: { en: 'Chinese Association of Pathophysiology', category: 'medicine' },
  中国营养学会: { en: 'Chinese Nutrition Society', category: 'medicine' },
  中国针灸学会: { en: 'China Association of Acupuncture-Moxibustion', category: 'medicine' },
  中国防痨协会: { en: 'Chinese Antituberculosis Association', category: 'medicine' },
  中国心理卫生协会: { en: 'Chinese Association for Mental Health', category: 'medicine' },
  中国抗癌协会: { en: 'China Anti-Cancer Association', category: 'medicine' },
  中国体育科学学会: { en: 'China Sport Science Society', category: 'medicine' },
  中国康复医学会: { en: 'Chinese Association of Rehabilitation Medicine', category: 'medicine' },
  中国免疫学会: { en: 'Chinese Society for Immunology', category: 'medicine' },
  中华预防医学会: { en: 'Chinese Preventive Medicine Association', category: 'medicine' },
  中华口腔医学会: { en: 'Chinese Stomatological Association', category: 'medicine' },
  中国医学救援协会: { en: 'China Medical Rescue Association', category: 'medicine' },
  中国研究型医院学会: { en: 'Chinese Research Hospital Association', category: 'medicine' },
  中国农村专业技术协会: { en: 'China Rural Professional Technology Association', category: 'interdisciplinary' }, // tr.
  中国老科学技术工作者协会: { en: 'China Association of Senior Scientists and Technologists', category: 'interdisciplinary' }, // tr.
  中国城市规划学会: { en: 'Urban Planning Society of China', category: 'interdisciplinary' },
  中国生物多样性保护与绿色发展基金会: { en: 'China Biodiversity Conservation and Green Development Foundation', category: 'interdisciplinary' },

  // Science (理科).
  中国力学学会: { en: 'Chinese Society of Theoretical and Applied Mechanics', category: 'science' },
  中国光学学会: { en: 'Chinese Optical Society', category: 'science' },
  中国声学学会: { en: 'Acoustical Society of China', category: 'science' },
  中国气象学会: { en: 'Chinese Meteorological Society', category: 'science' },
  中国地质学会: { en: 'Geological Society of China', category: 'science' },
  中国地球物理学会: { en: 'Chinese Geophysical Society', category: 'science' },
  中国矿物岩石地球化学学会: { en: 'Chinese Society for Mineralogy, Petrology and Geochemistry', category: 'science' },
  中国古生物学会: { en: 'Palaeontological Society of China', category: 'science' },
  中国海洋湖沼学会: { en: 'Chinese Society for Oceanology and Limnology', category: 'science' },
  中国海洋学会: { en: 'Chinese Society for Oceanography', category: 'science' },
  中国地震学会: { en: 'Seismological Society of China', category: 'science' },
  中国植物学会: { en: 'Botanical Society of China', category: 'science' },
  中国昆虫学会: { en: 'Entomological Society of China', category: 'science' },
  中国植物生理与植物分子生物学学会: { en: 'Chinese Society for Plant Biology', category: 'science' },
  中国遗传学会: { en: 'Genetics Society of China', category: 'science' },
  中国生态学学会: { en: 'Ecological Society of China', category: 'science' },
  中国环境科学学会: { en: 'Chinese Society for Environmental Sciences', category: 'science' },
  中国自然资源学会: { en: 'China Society of Natural Resources', category: 'science' },
  中国感光学会: { en: 'Chinese Society for Imaging Science and Technology', category: 'science' },
  中国优选法统筹法与经济数学研究会: { en: 'Chinese Society of Optimization, Overall Planning and Economic Mathematics', category: 'science' },
  中国岩石力学与工程学会: { en: 'Chinese Society for Rock Mechanics and Engineering', category: 'science' },
  中国系统工程学会: { en: 'Systems Engineering Society of China', category: 'science' },
  中国实验动物学会: { en: 'Chinese Association for Laboratory Animal Sciences', category: 'science' },
  中国青藏高原研究会: { en: 'China Society on Tibet Plateau', category: 'science' },
  中国环境诱变剂学会: { en: 'Chinese Environmental Mutagen Society', category: 'science' },
  中国运筹学会: { en: 'Operations Research Society of China', category: 'science' },
  中国菌物学会: { en: 'Mycological Society of China', category: 'science' },
  中国晶体学会: { en: 'Chinese Crystallographic Society', category: 'science' },
  中国神经科学学会: { en: 'Chinese Neuroscience Society', category: 'science' },
  中国认知科学学会: { en: 'Chinese Society for Cognitive Science', category: 'science' },
  中国微循环学会: { en: 'Chinese Society for Microcirculation', category: 'science' },
  国际数字地球协会: { en: 'International Society for Digital Earth', category: 'science' },

  // Engineering (工科).
  中国汽车工程学会: { en: 'China Society of Automotive Engineers', category: 'engineering' },
  中国农业机械学会: { en: 'Chinese Society for Agricultural Machinery', category: 'engineering' },
  中国农业工程学会: { en: 'Chinese Society of Agricultural Engineering', category: 'engineering' },
  中国电机工程学会: { en: 'Chinese Society for Electrical Engineering', category: 'engineering' },
  中国水力发电工程学会: { en: 'China Society for Hydropower Engineering', category: 'engineering' },
  中国水利学会: { en: 'Chinese Hydraulic Engineering Society', category: 'engineering' },
  中国内燃机学会: { en: 'Chinese Society for Internal Combustion Engines', category: 'engineering' },
  中国真空学会: { en: 'Chinese Vacuum Society', category: 'engineering' },
  中国仪器仪表学会: { en: 'China Instrument and Control Society', category: 'engineering' },
  中国计量测试学会: { en: 'China Society for Measurement', category: 'engineering' },
  中国标准化协会: { en: 'China Association for Standardization', category: 'engineering' },
  中国图学学会: { en: 'China Graphics Society', category: 'engineering' },
  中国中文信息学会: { en: 'Chinese Information Processing Society of China', category: 'engineering' },
  中国测绘学会: { en: 'Chinese Society for Geodesy, Photogrammetry and Cartography', category: 'engineering' },
  中国造船工程学会: { en: 'Chinese Society of Naval Architects and Marine Engineers', category: 'engineering' },
  中国航海学会: { en: 'China Institute of Navigation', category: 'engineering' },
  中国铁道学会: { en: 'China Railway Society', category: 'engineering' },
  中国公路学会: { en: 'China Highway and Transportation Society', category: 'engineering' },
  中国宇航学会: { en: 'Chinese Society of Astronautics', category: 'engineering' },
  中国金属学会: { en: 'Chinese Society for Metals', category: 'engineering' },
  中国有色金属学会: { en: 'Nonferrous Metals Society of China', category: 'engineering' },
  中国稀土学会: { en: 'Chinese Society of Rare Earths', category: 'engineering' },
  中国化工学会: { en: 'Chemical Industry and Engineering Society of China', category: 'engineering' },
  中国石油学会: { en: 'Chinese Petroleum Society', category: 'engineering' },
  中国煤炭学会: { en: 'China Coal Society', category: 'engineering' },
  中国可再生能源学会: { en: 'Chinese Renewable Energy Society', category: 'engineering' },
  中国能源研究会: { en: 'China Energy Research Society', category: 'engineering' },
  中国硅酸盐学会: { en: 'Chinese Ceramic Society', category: 'engineering' },
  中国建筑学会: { en: 'Architectural Society of China', category: 'engineering' },
  中国土木工程学会: { en: 'China Civil Engineering Society', category: 'engineering' },
  中国生物工程学会: { en: 'Chinese Society of Biotechnology', category: 'engineering' },
  中国纺织工程学会: { en: 'China Textile Engineering Society', category: 'engineering' },
  中国造纸学会: { en: 'China Technical Association of the Paper Industry', category: 'engineering' },
  中国文物保护技术协会: { en: 'China Association for Preservation Technology of Cultural Relics', category: 'engineering' },
  中国印刷技术协会: { en: 'Printing Technology Association of China', category: 'engineering' },
  中国材料研究学会: { en: 'Chinese Materials Research Society', category: 'engineering' },
  中国食品科学技术学会: { en: 'Chinese Institute of Food Science and Technology', category: 'engineering' },
  中国粮油学会: { en: 'Chinese Cereals and Oils Association', category: 'engineering' },
  中国职业安全健康协会: { en: 'China Occupational Safety and Health Association', category: 'engineering' },
  中国仿真学会: { en: 'China Simulation Federation', category: 'engineering' },
  中国振动工程学会: { en: 'Chinese Society for Vibration Engineering', category: 'engineering' },
  中国颗粒学会: { en: 'Chinese Society of Particuology', category: 'engineering' },
  中国照明学会: { en: 'China Illuminating Engineering Society', category: 'engineering' },
  中国动力工程学会: { en: 'Chinese Society of Power Engineering', category: 'engineering' },
  中国惯性技术学会: { en: 'Chinese Society of Inertial Technology', category: 'engineering' },
  中国风景园林学会: { en: 'Chinese Society of Landscape Architecture', category: 'engineering' },
  中国电源学会: { en: 'China Power Supply Society', category: 'engineering' },
  中国复合材料学会: { en: 'Chinese Society for Composite Materials', category: 'engineering' },
  中国图象图形学学会: { en: 'China Society of Image and Graphics', category: 'engineering' },
  中国体视学学会: { en: 'Chinese Society for Stereology', category: 'engineering' },
  中国光学工程学会: { en: 'Chinese Society for Optical Engineering', category: 'engineering' },
  中国微米纳米技术学会: { en: 'Chinese Society of Micro-Nano Technology', category: 'engineering' },
  中国密码学会: { en: 'Chinese Association for Cryptologic Research', category: 'engineering' },
  中国大坝工程学会: { en: 'Chinese National Committee on Large Dams', category: 'engineering' },
  中国卫星导航定位协会: { en: 'GNSS and LBS Association of China', category: 'engineering' },
  中国生物材料学会: { en: 'Chinese Society for Biomaterials', category: 'engineering' },
  国际粉体检测与控制联合会: { en: 'International Federation for Powder Detection and Control', category: 'engineering' }, // tr.

  // Agriculture (农科).
  中国林学会: { en: 'Chinese Society of Forestry', category: 'agriculture' },
  中国土壤学会: { en: 'Soil Science Society of China', category: 'agriculture' },
  中国水产学会: { en: 'China Society of Fisheries', category: 'agriculture' },
  中国园艺学会: { en: 'Chinese Society for Horticultural Science', category: 'agriculture' },
  中国畜牧兽医学会: { en: 'Chinese Association of Animal Science and Veterinary Medicine', category: 'agriculture' },
  中国植物病理学会: { en: 'Chinese Society for Plant Pathology', category: 'agriculture' },

  // Interdisciplinary (交叉学科).
  中国图书馆学会: { en: 'Library Society of China', category: 'interdisciplinary' },
  中国城市科学研究会: { en: 'Chinese Society for Urban Studies', category: 'interdisciplinary' },
  中国科学学与科技政策研究会: { en: 'Chinese Association for Science of Science and S&T Policy Research', category: 'interdisciplinary' },
  中国工业设计协会: { en: 'China Industrial Design Association', category: 'interdisciplinary' },
  中国工艺美术学会: { en: 'China Arts and Crafts Society', category: 'interdisciplinary' }, // tr.
  中国可持续发展研究会: { en: 'Chinese Society for Sustainable Development', category: 'interdisciplinary' },
  中国青少年科技辅导员协会: { en: "China Association of Children's Science Instructors", category: 'interdisciplinary' },
  中国科教电影电视协会: { en: 'China Science and Education Film and Television Association', category: 'interdisciplinary' }, // tr.
  中国科学技术期刊编辑学会: { en: 'China Editology Society of Science Periodicals', category: 'interdisciplinary' },
  中国流行色协会: { en: 'China Fashion Color Association', category: 'interdisciplinary' },
  中国档案学会: { en: 'Archives Society of China', category: 'interdisciplinary' },
  中国国土经济学会: { en: 'China Society of Territorial Economics', category: 'interdisciplinary' }, // tr.
  中国土地学会: { en: 'China Land Science Society', category: 'interdisciplinary' },
  中国科技新闻学会: { en: 'China Science and Technology Journalism Society', category: 'interdisciplinary' }, // tr.
  中国科学探险协会: { en: 'China Association for Scientific Expedition', category: 'interdisciplinary' }, // tr.
  中国产学研合作促进会: { en: 'China Industry-University-Research Institute Collaboration Association', category: 'interdisciplinary' },
  中国知识产权研究会: { en: 'China Intellectual Property Society', category: 'interdisciplinary' },
  中国工程教育专业认证协会: { en: 'China Engineering Education Accreditation Association', category: 'interdisciplinary' },
  中国检验检测学会: { en: 'China Society for Inspection and Testing', category: 'interdisciplinary' }, // tr.
  中国女科技工作者协会: { en: 'China Association of Women Scientists and Technologists', category: 'interdisciplinary' }, // tr.
  中国创造学会: { en: 'China Creativity Society', category: 'interdisciplinary' }, // tr.
  中国经济科技开发国际交流协会: { en: 'China Association for International Exchange in Economic and Technological Development', category: 'interdisciplinary' }, // tr.
  中国高科技产业化研究会: { en: 'China High-Tech Industrialization Association', category: 'interdisciplinary' },
  中国国际经济技术合作促进会: { en: 'China Association for the Promotion of International Economic and Technical Cooperation', category: 'interdisciplinary' }, // tr.
  中国基本建设优化研究会: { en: 'China Society for Optimization of Capital Construction', category: 'interdisciplinary' }, // tr.
  中国科技馆发展基金会: { en: 'China Science and Technology Museum Development Foundation', category: 'interdisciplinary' }, // tr.
};

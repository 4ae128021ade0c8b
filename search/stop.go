package search

// stopWords are the function words of a query in each stemmed language:
// pronouns, articles, prepositions, conjunctions, question words and the
// verb "to be". A customer's question is full of them ("how do I …", "як
// мені …", "на карте нет моего …") and an article seldom uses them the
// same way, so a rare one ("my" in articles that say "your") would
// otherwise outweigh the words that say what the question is about. The
// client gives them no weight unless the query has nothing else, with
// the light verbs and modals of a question (do, робити, делать, можна,
// надо) and "there is no" (немає, нет): rare in articles, they matched
// whatever article happened to say them. "Not" and "не" are not here:
// "can't hear" is a symptom.
// Words are in the index's normal form (lower case, ё → е, ґ → г).
var stopWords = map[string]string{
	"en": "a about above after again all also am an and any are as at be been being both but by can could did do does doing during each either else " +
		"for from had has have having he her here hers him his how i if in into is it its itself just may me might mine more most must my " +
		"of off on onto or other our ours out over own same shall she should so some such than that the their theirs them then there these " +
		"they this those through to too under until up upon us very was we were what whatever when where whether which while who whom whose why " +
		"will with would you your yours",
	"uk": "а або аж але би б бо був була були було бути в вам вами вас ваш ваша ваше ваші весь вже вона вони воно все всі ви від він для до де" +
		" дуже є же з за зі із і й його її їй їм їх коли котрий куди лише мене мені мною ми мій мої моє моя мого моєї моїх на над нам нами " +
		"нас наш наша наше наші неї нею ним ними них о об по під при про себе собі так також там те теж ти тебе тобі то тобто той тому тут " +
		"у хто це цей ці цих цього цієї цим ця чи чий чому що щоб як який яка яке які якого якої якому якій яким якими яких якщо звідки свій своя своє свої свого своєї своїх своїм можна треба немає нема робити зробити",
	"ru": "а без бы был была были было быть в вам вами вас ваш ваша ваше ваши весь во вот все вы где да для до его ее ей ему если есть " +
		"еще же за зачем и из или им ими их к как какая какие каким какой какое когда кого ко который кто ли либо мне мной мое моего моей " +
		"мои мой моя мы на над нам нами нас наш наша наше наши него нее ней ним ними них о об от по под при про с себе себя со так также " +
		"там те тебе тебя то тоже той только тот ту тут ты у уже что чтобы чье чья чей эта эти это этот я почему куда откуда можно надо нужно нет делать сделать",
}

// stopList is what the bootstrap of a language carries: its own function
// words and, for Latin words typed on any page, the English ones.
func stopList(lang string) string {
	s := stemmerFor(lang)
	if s == "" || s == "en" {
		return stopWords["en"]
	}
	return stopWords[s] + " " + stopWords["en"]
}

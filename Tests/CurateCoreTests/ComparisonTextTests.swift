import CurateCore
import Testing

/// Each rule of `ProblemText.comparison` on a real example: the AIME CSV (Idhant297/reasoning) and DeepScaleR's
/// `train/math/aime.json` transcribe the same problems with these differences.
@Suite struct ComparisonTextTests {
    @Test func diagramCodeIsRemoved() {
        // 2002 AIME I #? (CSV) and DeepScaleR: the same statement, the [asy] code on the same line or the next.
        let csv = "the distance (in centimeters) from $B$ to the center of the circle. [asy] size(150); real r=sqrt(50); [/asy]"
        let deepscaler = "the distance (in centimeters) from $B$ to the center of the circle.\n[asy] size(150); defaultpen(linewidth(0.6)); [/asy]"
        #expect(ProblemText.comparison(csv) == "the distance (in centimeters) from $B$ to the center of the circle.")
        #expect(ProblemText.comparison(csv) == ProblemText.comparison(deepscaler))
        #expect(ProblemText.comparison("Find $x$. [asy] draw((0,0)--(1,1)); ") == "Find $x$.")
        #expect(
            ProblemText.comparison("See \\begin{tikzpicture} \\draw (0,0) -- (1,1); \\end{tikzpicture} and find $y$.")
                == "See and find $y$.")
    }

    @Test func imageFileNamesAreRemoved() {
        #expect(
            ProblemText.comparison("Determine the length of $AB$ . Pdfresizer.com-pdf-convert-aimeq12.png")
                == "Determine the length of $AB$.")
        #expect(
            ProblemText.comparison("the area of the small square is exactly $\\frac1{1985}$ . AIME 1985 Problem 4.png")
                == "the area of the small square is exactly $\\frac{1}{1985}$.")
        #expect(ProblemText.comparison("Find $x$. ![figure](https://example.org/a.png) [img]b.gif[/img]") == "Find $x$.")
    }

    @Test func urlsAndTrailingCreditsAreRemoved() {
        let deepscaler =
            "the least element of $S$ and the greatest element of $S$.\nDiagram\n Graph in Desmos: https://www.desmos.com/calculator/gz8igmkykn\n ~MRENTHUSIASM"
        #expect(ProblemText.comparison(deepscaler) == "the least element of $S$ and the greatest element of $S$.")
        let signed = "What is the largest positive integer $n$ for which $n^3+100$ is divisible by $n+10$?\n ~ pi_is_3.14\n ~ momeme"
        #expect(ProblemText.comparison(signed) == "What is the largest positive integer $n$ for which $n^3+100$ is divisible by $n+10$?")
        #expect(ProblemText.comparison("Find $k$. ~ pi_is_3.14") == "Find $k$.")
        #expect(ProblemText.comparison("Find $k$.\nProposed by Evan Chen") == "Find $k$.")
        #expect(ProblemText.comparison("Find $k$. (Source: AoPS)") == "Find $k$. (Source: AoPS)")  // not alone on its line
        #expect(ProblemText.comparison("Find the area of $ABC$. -asjpz") == "Find the area of $ABC$.")
        #expect(ProblemText.comparison("Find $x$.\nCredit to MSTang for the diagram.") == "Find $x$.")
        #expect(ProblemText.comparison("Find $x$.\n_Diagram by RedFireTruck_") == "Find $x$.")
        // DeepScaleR copies carry the page's later sections (2011-II-13: a "Quickest Method of Solving").
        #expect(ProblemText.comparison("Find $n$.\nHint\nTry small cases.") == "Find $n$.")
        #expect(ProblemText.comparison("Find $n$.\nQuickest Method of Solving\nThe answer is $\\boxed{096}$.") == "Find $n$.")
        #expect(ProblemText.comparison("Find $n$.\nNote: $n$ is odd.") == "Find $n$. Note: $n$ is odd.")  // part of the problem
        // A tie inside math is not a signature.
        #expect(ProblemText.comparison("Let $P_1$ be a regular $r~\\mbox{gon}$") == "Let $P_1$ be a regular $r\\text{gon}$")
    }

    @Test func latexSpellingsFold() {
        #expect(ProblemText.comparison("Let $\\dfrac{m}{n}$ be the probability") == "Let $\\frac{m}{n}$ be the probability")
        #expect(ProblemText.comparison("Let $\\tfrac mn$ be") == ProblemText.comparison("Let $\\frac mn$ be"))
        #expect(
            ProblemText.comparison("Evaluate \\[\\left(\\sqrt{5}+\\sqrt{6}\\right)\\left(\\sqrt{5}-\\sqrt{6}\\right).\\]")
                == "Evaluate $(\\sqrt{5}+\\sqrt{6})(\\sqrt{5}-\\sqrt{6}).$")
        #expect(ProblemText.comparison("$|x-60|+|y|=\\left|\\frac{x}{4}\\right|.$") == "$|x-60|+|y|=|\\frac{x}{4}|.$")
        #expect(ProblemText.comparison("$x \\leftarrow y$") == "$x\\leftarrow y$")
        #expect(ProblemText.comparison("The repeating decimal is $43/99$.") == ProblemText.comparison("The repeating decimal is $\\frac{43}{99}$."))
        #expect(ProblemText.comparison("Let $P_1^{}$ be") == "Let $P_1$ be")
        #expect(ProblemText.comparison("$\\tan{19x^{\\circ}}$") == ProblemText.comparison("$\\tan{19x^\\circ}$"))
        #expect(ProblemText.comparison("$$x^2 = 4$$ and \\(y\\)") == "$x^2=4$ and $y$")
        #expect(ProblemText.comparison("$a\\,b \\quad c$") == "$a b c$")
        // Every spelling of a fraction's arguments (1983-5, 1996-5, 1999-13 and others across the two sources).
        for spelling in ["$\\frac85$", "$\\dfrac 85$", "$\\frac{8}5$", "$\\frac8{5}$", "$\\frac {8}{5}$", "$8/5$"] {
            #expect(ProblemText.comparison(spelling) == "$\\frac{8}{5}$", "\(spelling)")
        }
        #expect(ProblemText.comparison("is $\\frac mn,$ where") == ProblemText.comparison("is $m/n,$ where"))
        #expect(ProblemText.comparison("$\\frac\\pi2$") == "$\\frac{\\pi}{2}$")
        #expect(ProblemText.comparison("$x\\pi/2$") == "$x\\pi/2$")  // a command's letter is not an operand
        #expect(ProblemText.comparison("and/or 3/4") == "and/or \\frac{3}{4}")  // letters fold only in math
        #expect(ProblemText.comparison("$x \\leq 1, y\\geq 2$") == "$x\\le 1,y\\ge 2$")
        #expect(ProblemText.comparison("$x_1x_2 \\ldots x_8$") == ProblemText.comparison("$x_1x_2\\cdots x_8$"))
        #expect(ProblemText.comparison("$r~\\mbox{gon}$") == ProblemText.comparison("$r\\text{gon}$"))
        #expect(ProblemText.comparison("$A_3, \\allowbreak A_4$") == "$A_3,A_4$")
        // 2011-I-1 and others: a plain number in math reads as the number.
        #expect(ProblemText.comparison("between $1000$ and 9999") == ProblemText.comparison("between 1000 and 9999"))
    }

    @Test func spacingFolds() {
        #expect(ProblemText.comparison("Determine the length of $AB$ .") == "Determine the length of $AB$.")
        #expect(ProblemText.comparison("Find ( $x$ , $y$ ) ?") == "Find ($x$, $y$)?")
        #expect(ProblemText.comparison("$x + 2y = 3$") == "$x+2y=3$")
        #expect(ProblemText.comparison("two\u{00A0} words\n\nhere") == "two words here")
    }

    @Test func theHashKeysEqualComparisonTexts() {
        #expect(ProblemText.comparisonHash("Find $\\dfrac{1}{2}$ .") == ProblemText.comparisonHash("find $\\frac{1}{2}$."))
        #expect(ProblemText.comparisonHash("Find $x$.") != ProblemText.comparisonHash("Find $y$."))
    }
}

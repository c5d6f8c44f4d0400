<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>under a second</source>
        <translation>1 秒未満</translation>
    </message>
    <message>
        <source>about {n} h</source>
        <translation>約 {n} 時間</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>約 {n} 分</translation>
    </message>
    <message>
        <source>about {n} s</source>
        <translation>約 {n} 秒</translation>
    </message>
    <message>
        <source>press Train (F5) and let the run finish</source>
        <translation>学習（F5）を押して、ランが終わるまで待つ</translation>
    </message>
    <message>
        <source>tick two runs in the Runs list</source>
        <translation>「ラン」の一覧で 2 つのランにチェックを入れる</translation>
    </message>
    <message>
        <source>move the Epoch slider under the plots back to epoch {epoch} or before</source>
        <translation>グラフの下のエポックのスライダーを、エポック {epoch} かそれより前に戻す</translation>
    </message>
    <message>
        <source>press ▶ in the Data&apos;s path tab to go to the next batch</source>
        <translation>「データの流れ」タブで ▶ を押して次のバッチへ進む</translation>
    </message>
    <message>
        <source>open the Scores tab (beside Runs) and wait for its table</source>
        <translation>「ラン」の隣の「スコア」タブを開き、表が出るのを待つ</translation>
    </message>
    <message>
        <source>Windows: predicting the next value</source>
        <translation>ウィンドウ：次の値を予測する</translation>
    </message>
    <message>
        <source>Look at the Data&apos;s path tab. Press ▶ to see the next batch.</source>
        <translation>「データの流れ」タブを見てください。▶ を押すと次のバッチが見えます。</translation>
    </message>
    <message>
        <source>Each row is one sample: a window of 20 past values (the bar) and the value right after it (the dot). The same windows light up green in the Data plot.</source>
        <translation>各行が 1 つのサンプルです：過去 20 個の値のウィンドウ（棒）と、その直後の値（点）。データのグラフでも同じウィンドウが緑色に光ります。</translation>
    </message>
    <message>
        <source>How many windows does this series of 200 values give?</source>
        <translation>値が 200 個のこの系列から、ウィンドウはいくつできますか？</translation>
    </message>
    <message>
        <source>Every window needs 20 values before its target, so the first target is value 20: 200 - 20 = 180 windows. The summary says x (180, 20, 1).</source>
        <translation>どのウィンドウも目標値の前に 20 個の値が必要なので、最初の目標値は 20 番目の値です：200 - 20 = 180 個のウィンドウ。概要には x (180, 20, 1) とあります。</translation>
    </message>
    <message>
        <source>Press Train.</source>
        <translation>学習を押してください。</translation>
    </message>
    <message>
        <source>The loss falls. In the Prediction plot, the green dashed one-step predictions sit on the grey truth.</source>
        <translation>損失が下がります。予測のグラフでは、緑の破線の 1 ステップ先予測が灰色の真の値に重なります。</translation>
    </message>
    <message>
        <source>Which windows does the network never train on?</source>
        <translation>ネットワークが学習に使わないウィンドウはどれ？</translation>
    </message>
    <message>
        <source>The last 36, the orange validation part</source>
        <translation>最後の 36 個、オレンジの検証部分</translation>
    </message>
    <message>
        <source>The first 20</source>
        <translation>最初の 20 個</translation>
    </message>
    <message>
        <source>Every other window</source>
        <translation>1 つおきのウィンドウ</translation>
    </message>
    <message>
        <source>Validation = 0.2 holds out the last fifth of the windows, unshuffled: 180 - 144 = 36. Their loss (val_loss) shows how the network does on values it has not seen.</source>
        <translation>検証 = 0.2 は、ウィンドウの最後の 5 分の 1 をシャッフルせずに取っておきます：180 - 144 = 36。その損失（val_loss）は、見たことのない値でネットワークがどうかを示します。</translation>
    </message>
    <message>
        <source>One step ahead, or on its own: the closed loop</source>
        <translation>1 ステップ先か、自分だけで進むか：閉ループ</translation>
    </message>
    <message>
        <source>Press Train, then look at the Closed loop tab.</source>
        <translation>学習を押して、「閉ループ」タブを見てください。</translation>
    </message>
    <message>
        <source>Red: the error when the network feeds itself its own predictions (the closed loop). Green, dashed: the error when it always sees the true past (one step ahead).</source>
        <translation>赤：ネットワークが自分の予測を自分に入力したとき（閉ループ）の誤差。緑の破線：いつも真の過去を見ているとき（1 ステップ先）の誤差。</translation>
    </message>
    <message>
        <source>After training, which error is larger?</source>
        <translation>学習のあと、大きいのはどちらの誤差？</translation>
    </message>
    <message>
        <source>The closed loop&apos;s</source>
        <translation>閉ループの誤差</translation>
    </message>
    <message>
        <source>The one-step error</source>
        <translation>1 ステップ先の誤差</translation>
    </message>
    <message>
        <source>They are the same</source>
        <translation>同じ</translation>
    </message>
    <message>
        <source>Trained with teacher forcing, the network never meets its own mistakes. In the closed loop each small error becomes part of the next input, and the errors pile up: exposure bias.</source>
        <translation>教師強制で学習したネットワークは、自分の間違いに出会うことがありません。閉ループでは小さな誤差が次の入力の一部になり、誤差が積み重なります：露出バイアスです。</translation>
    </message>
    <message>
        <source>The panel now says Inputs = free running. Press Train, then tick both runs in the Runs list.</source>
        <translation>パネルの入力が「自走」になりました。学習を押し、「ラン」の一覧で両方のランにチェックを入れてください。</translation>
    </message>
    <message>
        <source>Free running trains the network on its own predictions, 10 steps at a time. Compare the red lines of the two runs.</source>
        <translation>自走では、ネットワークを自分の予測で 10 ステップずつ学習させます。2 つのランの赤い線を比べてください。</translation>
    </message>
    <message>
        <source>Which run&apos;s closed loop ends nearer the truth?</source>
        <translation>閉ループが真の値の近くで終わるのはどちらのラン？</translation>
    </message>
    <message>
        <source>The free-running run</source>
        <translation>自走のラン</translation>
    </message>
    <message>
        <source>The teacher-forcing run</source>
        <translation>教師強制のラン</translation>
    </message>
    <message>
        <source>Free running shows the network its own errors while it trains, and the loss covers 10 fed-back steps, so it learns to stay on course. Its one-step error is often a little worse: that is the price.</source>
        <translation>自走では、学習中にネットワーク自身の誤差を見せ、損失は予測を戻した 10 ステップ全体にかかります。だから軌道を外れないことを学びます。その代わり、1 ステップ先の誤差は少し悪くなることが多いです。</translation>
    </message>
    <message>
        <source>The panel now says Inputs = scheduled sampling. Press Train.</source>
        <translation>パネルの入力が「スケジュールドサンプリング」になりました。学習を押してください。</translation>
    </message>
    <message>
        <source>The dotted grey line (right axis) is the chance that an input is the network&apos;s own prediction. It rises every epoch.</source>
        <translation>灰色の点線（右の軸）は、入力がネットワーク自身の予測になる確率です。エポックごとに上がります。</translation>
    </message>
    <message>
        <source>At the last epoch, how often is an input the network&apos;s own prediction?</source>
        <translation>最後のエポックで、入力がネットワーク自身の予測になる頻度は？</translation>
    </message>
    <message>
        <source>Always (chance 1)</source>
        <translation>いつも（確率 1）</translation>
    </message>
    <message>
        <source>Never (chance 0)</source>
        <translation>まったくない（確率 0）</translation>
    </message>
    <message>
        <source>Half the time</source>
        <translation>半分くらい</translation>
    </message>
    <message>
        <source>Scheduled sampling starts close to teacher forcing and ends as free running: the chance is epoch / epochs, so 1 at the last epoch.</source>
        <translation>スケジュールドサンプリングは教師強制に近いところから始まり、自走で終わります：確率はエポック / エポック数なので、最後のエポックで 1 になります。</translation>
    </message>
    <message>
        <source>The LSTM that counts</source>
        <translation>数を数える LSTM</translation>
    </message>
    <message>
        <source>Press Train (400 short epochs), then look at the States tab.</source>
        <translation>学習（短いエポックを 400 回）を押して、「状態」タブを見てください。</translation>
    </message>
    <message>
        <source>The output sits at 0 between the pulses, but the cell states c keep changing: they count the steps since the last pulse.</source>
        <translation>パルスの間、出力は 0 のままですが、セル状態 c は変わり続けます：最後のパルスからのステップ数を数えているのです。</translation>
    </message>
    <message>
        <source>How many steps apart are the peaks of the cell states?</source>
        <translation>セル状態の山は何ステップおきに来ますか？</translation>
    </message>
    <message>
        <source>The pulses come every 10 steps, so to know when the next one is due the network must count to 10. Its cell states repeat with the same period.</source>
        <translation>パルスは 10 ステップごとに来るので、次がいつ来るかを知るには、ネットワークは 10 まで数えなければなりません。セル状態も同じ周期で繰り返します。</translation>
    </message>
    <message>
        <source>Move the Epoch slider under the plots back to epoch {epoch} or before.</source>
        <translation>グラフの下のエポックのスライダーを、エポック {epoch} かそれより前に戻してください。</translation>
    </message>
    <message>
        <source>The plots show the network as it was after that epoch: the rollout, the states, a marker on the loss.</source>
        <translation>グラフはそのエポックのあとのネットワークを表示します：ロールアウト、状態、損失のマーカー。</translation>
    </message>
    <message>
        <source>Early in training, what does the closed-loop rollout do?</source>
        <translation>学習の初めのころ、閉ループのロールアウトはどうなっていますか？</translation>
    </message>
    <message>
        <source>It stays flat: nothing counts yet</source>
        <translation>平らなまま：まだ何も数えていない</translation>
    </message>
    <message>
        <source>It already finds every pulse</source>
        <translation>もうすべてのパルスを見つけている</translation>
    </message>
    <message>
        <source>It explodes</source>
        <translation>爆発する</translation>
    </message>
    <message>
        <source>Early on the network has only learned the average value. Counting comes later, and the loss drops when it does.</source>
        <translation>初めのうち、ネットワークは平均値しか学んでいません。数を数えるのはそのあとで、そのとき損失が下がります。</translation>
    </message>
    <message>
        <source>Memory: how far back can it learn?</source>
        <translation>記憶：どこまでさかのぼって学べるか？</translation>
    </message>
    <message>
        <source>Press Train, then look at the Memory tab.</source>
        <translation>学習を押して、「記憶」タブを見てください。</translation>
    </message>
    <message>
        <source>The line shows how strongly the loss&apos;s gradient reaches the hidden state 1, 2, 3... steps back, on a log scale. Training can only use what this gradient reaches.</source>
        <translation>線は、損失の勾配が 1、2、3… ステップ前の隠れ状態にどれだけ強く届くかを対数目盛りで示します。学習で使えるのは、この勾配が届く範囲だけです。</translation>
    </message>
    <message>
        <source>How does the SimpleRNN&apos;s gradient change with each step back?</source>
        <translation>SimpleRNN の勾配は、1 ステップさかのぼるごとにどう変わりますか？</translation>
    </message>
    <message>
        <source>It shrinks by about the same factor every step</source>
        <translation>毎ステップほぼ同じ割合で小さくなる</translation>
    </message>
    <message>
        <source>It grows</source>
        <translation>大きくなる</translation>
    </message>
    <message>
        <source>It stays the same</source>
        <translation>変わらない</translation>
    </message>
    <message>
        <source>A plain RNN multiplies the gradient by about the same matrix at every step back, so it fades geometrically: pulses 30 steps apart are out of its reach.</source>
        <translation>素の RNN は、1 ステップさかのぼるごとに勾配にほぼ同じ行列を掛けるので、勾配は等比級数的に消えていきます。30 ステップ離れたパルスには届きません。</translation>
    </message>
    <message>
        <source>Press Train for the LSTM, then tick both runs in the Runs list.</source>
        <translation>LSTM で学習を押し、「ラン」の一覧で両方のランにチェックを入れてください。</translation>
    </message>
    <message>
        <source>The two gradient lines in the Memory tab, and the two rollouts in the Prediction plot.</source>
        <translation>「記憶」タブの 2 本の勾配の線と、予測のグラフの 2 本のロールアウト。</translation>
    </message>
    <message>
        <source>Which network&apos;s gradient reaches further back?</source>
        <translation>より遠くまで勾配が届くのはどちらのネットワーク？</translation>
    </message>
    <message>
        <source>The LSTM&apos;s</source>
        <translation>LSTM の勾配</translation>
    </message>
    <message>
        <source>The SimpleRNN&apos;s</source>
        <translation>SimpleRNN の勾配</translation>
    </message>
    <message>
        <source>The LSTM&apos;s cell state is carried on through its forget gate, so the gradient along it need not fade: it can learn to count 30 steps.</source>
        <translation>LSTM のセル状態は忘却ゲートを通って引き継がれるので、それに沿った勾配は消えなくて済みます。30 ステップを数えることを学べます。</translation>
    </message>
    <message>
        <source>Stateful or stateless: where the state goes</source>
        <translation>ステートフルかステートレスか：状態の行き先</translation>
    </message>
    <message>
        <source>Look at the Data&apos;s path tab and press ▶.</source>
        <translation>「データの流れ」タブを見て、▶ を押してください。</translation>
    </message>
    <message>
        <source>Three streams, the series and two shifted copies, cut into chunks of 25 steps. Batch k holds chunk k of every stream. Green marks: the state carries on; red: it is reset.</source>
        <translation>3 つのストリーム（系列と、それをずらした 2 つのコピー）を 25 ステップずつに区切ります。バッチ k には各ストリームの k 番目の区切りが入ります。緑の印：状態を引き継ぐ。赤：リセットする。</translation>
    </message>
    <message>
        <source>In batch 2, where does row 0 get its starting state from?</source>
        <translation>バッチ 2 で、行 0 の初めの状態はどこから来ますか？</translation>
    </message>
    <message>
        <source>From row 0 of batch 1: the same stream, 25 steps earlier</source>
        <translation>バッチ 1 の行 0 から：同じストリームの 25 ステップ前</translation>
    </message>
    <message>
        <source>From zero</source>
        <translation>ゼロから</translation>
    </message>
    <message>
        <source>From row 2</source>
        <translation>行 2 から</translation>
    </message>
    <message>
        <source>With stateful=True, Keras keeps each row&apos;s state after a batch and starts the next batch&apos;s same row from it. That is why the batch size must equal the number of streams, and why nothing is shuffled. At each epoch&apos;s start the states are reset to zero.</source>
        <translation>stateful=True のとき、Keras はバッチのあとも各行の状態を残し、次のバッチの同じ行をそこから始めます。だからバッチサイズはストリームの数と同じでなければならず、何もシャッフルしません。各エポックの始まりで状態はゼロにリセットされます。</translation>
    </message>
    <message>
        <source>Now the windows of R1. Press ▶ again.</source>
        <translation>次は R1 のウィンドウです。もう一度 ▶ を押してください。</translation>
    </message>
    <message>
        <source>The rows of a batch come from all over the series: the windows are shuffled.</source>
        <translation>バッチの行は系列のあちこちから来ます：ウィンドウはシャッフルされています。</translation>
    </message>
    <message>
        <source>Does a window&apos;s state carry on into the next batch?</source>
        <translation>ウィンドウの状態は次のバッチに引き継がれますか？</translation>
    </message>
    <message>
        <source>No: every window starts from a zero state</source>
        <translation>いいえ：どのウィンドウもゼロの状態から始まる</translation>
    </message>
    <message>
        <source>Yes, row by row</source>
        <translation>はい、行ごとに</translation>
    </message>
    <message>
        <source>Without state, each window is a sample of its own: the network reads its 20 values from a zero state. So the windows can be shuffled, and a validation part can be held out.</source>
        <translation>状態がなければ、各ウィンドウはそれぞれ独立したサンプルです：ネットワークは 20 個の値をゼロの状態から読みます。だからウィンドウはシャッフルでき、検証部分も取っておけます。</translation>
    </message>
    <message>
        <source>A real series against the baselines</source>
        <translation>実データをベースラインと比べる</translation>
    </message>
    <message>
        <source>The panel now reads a sample series of monthly sales (yours works the same: Source = CSV file). Press Train.</source>
        <translation>パネルには月次売上のサンプル系列が入りました（自分のデータでも同じです：データ元 = CSV ファイル）。学習を押してください。</translation>
    </message>
    <message>
        <source>The studio chose the window, the scaling and early stopping from the series. The forecast (purple) goes on past the end.</source>
        <translation>スタジオが系列から、ウィンドウ、スケーリング、早期終了を選びました。将来予測（紫）は終わりより先まで続きます。</translation>
    </message>
    <message>
        <source>Where does the forecast past the end come from?</source>
        <translation>終わりより先の将来予測は、どこから来ますか？</translation>
    </message>
    <message>
        <source>The closed loop, fed its own predictions</source>
        <translation>閉ループ（自分の予測を入力）</translation>
    </message>
    <message>
        <source>The true future values</source>
        <translation>本当の将来の値</translation>
    </message>
    <message>
        <source>A straight line</source>
        <translation>直線</translation>
    </message>
    <message>
        <source>Past the end there is no truth to read: every forecast value is the network&apos;s own prediction fed back, as in the closed loop.</source>
        <translation>終わりより先には読むべき真の値がありません：将来予測の値はどれも、閉ループと同じく、ネットワーク自身の予測を入力に戻したものです。</translation>
    </message>
    <message>
        <source>Open the Scores tab beside Runs.</source>
        <translation>「ラン」の隣の「スコア」タブを開いてください。</translation>
    </message>
    <message>
        <source>The network against persistence (the last value), the seasonal naive forecast, a linear autoregression, ETS and ARIMA. The best value of each column is marked *.</source>
        <translation>ネットワークと、持続予測（最後の値）、季節ナイーブ予測、線形自己回帰、ETS、ARIMA の比較。各列の最良の値には * が付きます。</translation>
    </message>
    <message>
        <source>What does &apos;persistence&apos; forecast?</source>
        <translation>「持続予測」は何を予測しますか？</translation>
    </message>
    <message>
        <source>The last value, again</source>
        <translation>最後の値をもう一度</translation>
    </message>
    <message>
        <source>The mean of the series</source>
        <translation>系列の平均</translation>
    </message>
    <message>
        <source>The network&apos;s prediction</source>
        <translation>ネットワークの予測</translation>
    </message>
    <message>
        <source>Persistence is the simplest honest baseline: tomorrow = today. A network that does not beat it, and the statistical forecasts, adds nothing; the verdict under the table says which.</source>
        <translation>持続予測は、いちばん単純で正直なベースラインです：明日 = 今日。これにも統計的な予測にも勝てないネットワークは、何も加えていません。表の下の判定がどちらかを示します。</translation>
    </message>
    <message>
        <source>SimpleRNN(20) predicts the next value of a noisy sine from 20 past values</source>
        <translation>SimpleRNN(20) が過去 20 個の値から、ノイズ入りサイン波の次の値を予測します</translation>
    </message>
    <message>
        <source>A stateful LSTM(20) learns to count: a pulse train of period 10</source>
        <translation>ステートフル LSTM(20) が数を数えることを学びます：周期 10 のパルス列</translation>
    </message>
    <message>
        <source>LSTM(300) on two noisy sine wavelengths; watch the one-step fit converge</source>
        <translation>LSTM(300) が 2 つの波長のノイズ入りサイン波を学習します。1 ステップ先の当てはまりが収束していく様子を見ましょう</translation>
    </message>
    <message>
        <source>SimpleRNN(20) maps a 10-step window to the same window one step ahead</source>
        <translation>SimpleRNN(20) が 10 ステップのウィンドウを、1 ステップ先の同じウィンドウに写します</translation>
    </message>
    <message>
        <source>A Dense MLP (4 x 20 tanh) learns y = sin(x) on [-5, 5]; no recurrence</source>
        <translation>Dense MLP（4 x 20、tanh）が [-5, 5] の範囲で y = sin(x) を学習します。再帰はありません</translation>
    </message>
    <message>
        <source>A stateful SimpleRNN(20) must count 30 steps between pulses: how far back can it remember?</source>
        <translation>ステートフル SimpleRNN(20) がパルスの間の 30 ステップを数えなければなりません：どこまでさかのぼって覚えていられるでしょうか？</translation>
    </message>
    <message>
        <source>A stateful LSTM(20) must count 30 steps between pulses: how far back can it remember?</source>
        <translation>ステートフル LSTM(20) がパルスの間の 30 ステップを数えなければなりません：どこまでさかのぼって覚えていられるでしょうか？</translation>
    </message>
    <message>
        <source>R1 · Noisy sine, SimpleRNN</source>
        <translation>R1 · ノイズ入りサイン波、SimpleRNN</translation>
    </message>
    <message>
        <source>R2 · Pulse, stateful LSTM</source>
        <translation>R2 · パルス、ステートフル LSTM</translation>
    </message>
    <message>
        <source>R3 · Sine, LSTM trained live</source>
        <translation>R3 · サイン波、LSTM をライブで学習</translation>
    </message>
    <message>
        <source>R4 · Sine, SimpleRNN seq2seq</source>
        <translation>R4 · サイン波、SimpleRNN seq2seq</translation>
    </message>
    <message>
        <source>R5 · Sine, Dense MLP (x → y)</source>
        <translation>R5 · サイン波、Dense MLP (x → y)</translation>
    </message>
    <message>
        <source>M1 · Memory: count 30, SimpleRNN</source>
        <translation>M1 · 記憶：30 を数える、SimpleRNN</translation>
    </message>
    <message>
        <source>M2 · Memory: count 30, LSTM</source>
        <translation>M2 · 記憶：30 を数える、LSTM</translation>
    </message>
    <message>
        <source>the closed-loop rollout (red) in the prediction plot. Each prediction feeds the next, so small errors grow along its 180 steps, while the one-step predictions stay on the data.</source>
        <translation>予測のグラフの閉ループのロールアウト（赤）。各予測が次の入力になるので、180 ステップの間に小さな誤差が大きくなっていきます。一方、1 ステップ先予測はデータの上にとどまります。</translation>
    </message>
    <message>
        <source>the cell states while the output sits at 0: they keep cycling every 10 steps. The network counts. Scrub back to an early epoch: the rollout is flat, nothing counts yet. A SimpleRNN learns this too (set Network to SimpleRNN): 10 steps are short enough for its gradient to reach back over them; see memory-simplernn for where that ends.</source>
        <translation>出力が 0 の間のセル状態：10 ステップごとに繰り返し続けます。ネットワークが数を数えているのです。初めのころのエポックに戻すと、ロールアウトは平らで、まだ何も数えていません。SimpleRNN でもこれは学べます（ネットワークを SimpleRNN にしてみましょう）：10 ステップなら勾配がさかのぼって届くほど短いからです。それがどこで終わるかは memory-simplernn を見てください。</translation>
    </message>
    <message>
        <source>the rollout in the prediction plot: it never finds the pulses again, because 30 steps back is further than this network learns to look. Open the Memory tab: the gradient at the hidden state falls by orders of magnitude within a few steps, long before 30. Overlay memory-lstm to compare.</source>
        <translation>予測のグラフのロールアウト：パルスを二度と見つけられません。30 ステップ前は、このネットワークが見ることを学べる範囲より遠いからです。「記憶」タブを開くと、隠れ状態での勾配が、30 よりずっと手前の数ステップのうちに桁違いに小さくなっています。比べるには memory-lstm を重ねて表示してください。</translation>
    </message>
    <message>
        <source>the rollout finding every pulse, 30 steps apart, and in the Memory tab the gradient still reaching 30 steps back (and beyond): the cell state&apos;s path through the forget gate keeps it from fading. Tick &apos;Epochs x steps back&apos; to watch the reach grow as it learns.</source>
        <translation>ロールアウトが 30 ステップおきのパルスをすべて見つける様子と、「記憶」タブで勾配が 30 ステップ前（それ以上）までまだ届いている様子：忘却ゲートを通るセル状態の道が、勾配が消えるのを防いでいます。「エポック × さかのぼるステップ」にチェックを入れると、学習につれて届く範囲が伸びる様子が見えます。</translation>
    </message>
    <message>
        <source>the one-step predictions (green) converging onto the noisy sine as the epochs pass.</source>
        <translation>エポックが進むにつれて、1 ステップ先予測（緑）がノイズ入りサイン波に収束していく様子。</translation>
    </message>
    <message>
        <source>loss and val_loss falling together: the network maps a window to the same window shifted by one step.</source>
        <translation>loss と val_loss がそろって下がっていく様子。ネットワークはウィンドウを、1 ステップずらした同じウィンドウに写しています。</translation>
    </message>
    <message>
        <source>the hidden activations. There is no recurrence here: a Dense network maps x to sin(x), and each unit bends a piece of the curve.</source>
        <translation>隠れ層の活性。ここに再帰はありません：Dense ネットワークが x を sin(x) に写し、各ユニットが曲線の一部分を曲げています。</translation>
    </message>
    <message>
        <source>Auto is searching: wait for it or stop it (Shift+F5) first</source>
        <translation>自動選択の探索中です：終わるのを待つか、停止（Shift+F5）してください</translation>
    </message>
    <message>
        <source>Auto: fix the fields marked in red first</source>
        <translation>自動選択：先に赤く示された項目を直してください</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自動選択</translation>
    </message>
    <message>
        <source>Backtest the panel&apos;s experiment and a few variants of it (the other gated cell, a linear highway on or off, half the units, the other scaling) in worker processes, and put the best into the panel.

At most how many seconds?</source>
        <translation>パネルの実験と、そのいくつかの変形（もう一方のゲート付きセル、線形ハイウェイの有無の入れ替え、ユニット数半分、もう一方のスケーリング）をワーカープロセスでバックテストし、最良のものをパネルに入れます。

最大で何秒かけますか？</translation>
    </message>
    <message>
        <source>Auto: preparing the candidates for {experiment}…</source>
        <translation>自動選択：{experiment} の候補を準備中…</translation>
    </message>
    <message>
        <source>Auto stopped: the panel is unchanged</source>
        <translation>自動選択を停止しました：パネルは変わっていません</translation>
    </message>
    <message>
        <source>Auto: {error}</source>
        <translation>自動選択：{error}</translation>
    </message>
    <message>
        <source>Auto: backtesting {count} candidates ({names}) at {origins} origins in {workers} worker processes…</source>
        <translation>自動選択：{count} 個の候補（{names}）を {origins} 個の起点で、{workers} 個のワーカープロセスでバックテスト中…</translation>
    </message>
    <message>
        <source>Auto stopped: {error}</source>
        <translation>自動選択を停止しました：{error}</translation>
    </message>
    <message>
        <source>{score} of persistence&apos;s errors</source>
        <translation>持続予測の誤差の {score} 倍</translation>
    </message>
    <message>
        <source>Auto: {done} of {count} candidates backtested ({candidate}: {outcome})…</source>
        <translation>自動選択：{count} 個中 {done} 個の候補をバックテスト済み（{candidate}：{outcome}）…</translation>
    </message>
    <message>
        <source>Auto: no candidate was scored (the list says why): the panel is unchanged</source>
        <translation>自動選択：採点できた候補がありません（理由は一覧を見てください）。パネルは変わっていません</translation>
    </message>
    <message>
        <source>{said}: press Train (F5) to train it</source>
        <translation>{said}：学習（F5）を押すと学習します</translation>
    </message>
    <message>
        <source>A backtest is running: wait for it or stop it (Shift+F5) first</source>
        <translation>バックテストの実行中です：終わるのを待つか、停止（Shift+F5）してください</translation>
    </message>
    <message>
        <source>Backtest: select a run that has finished training (and has its data)</source>
        <translation>バックテスト：学習を終えたラン（データのあるもの）を選んでください</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>バックテスト</translation>
    </message>
    <message>
        <source>Retrain {run}&apos;s experiment at how many origins of its held-out part (each trains a new network on the values before it)?</source>
        <translation>{run} の実験を、検証部分のいくつの起点で学習し直しますか（起点ごとに、その前の値で新しいネットワークを学習します）？</translation>
    </message>
    <message>
        <source>Backtest: {error}</source>
        <translation>バックテスト：{error}</translation>
    </message>
    <message>
        <source>The backtest stopped: {error}</source>
        <translation>バックテストが止まりました：{error}</translation>
    </message>
    <message>
        <source>Backtest of {run}: retraining at origin 1 of {count}…</source>
        <translation>{run} のバックテスト：起点 1/{count} で再学習中…</translation>
    </message>
    <message>
        <source>Backtest stopped: nothing was kept</source>
        <translation>バックテストを停止しました：何も残していません</translation>
    </message>
    <message>
        <source>; retraining at origin {origin}…</source>
        <translation>；起点 {origin} で再学習中…</translation>
    </message>
    <message>
        <source>; scoring…</source>
        <translation>；スコア計算中…</translation>
    </message>
    <message>
        <source>Backtest: origin {done} of {count} done (network MAE {network}, persistence {naive})</source>
        <translation>バックテスト：起点 {done}/{count} 完了（ネットワークの MAE {network}、持続予測 {naive}）</translation>
    </message>
    <message>
        <source>Backtest of {run}: {verdict}</source>
        <translation>{run} のバックテスト：{verdict}</translation>
    </message>
    <message>
        <source>Choose an experiment to see how its series becomes batches</source>
        <translation>実験を選ぶと、系列がどのようにバッチになるかが表示されます</translation>
    </message>
    <message>
        <source>epoch </source>
        <translation>エポック </translation>
    </message>
    <message>
        <source>Which epoch&apos;s batches: the order is shuffled anew each epoch (unless state carries)</source>
        <translation>どのエポックのバッチか：エポックごとに順序がシャッフルし直されます（状態を引き継ぐ場合を除く）</translation>
    </message>
    <message>
        <source>Which batch of the epoch, in the order the trainer runs them</source>
        <translation>エポックの中のどのバッチか（学習で使う順序）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>The batch before</source>
        <translation>前のバッチ</translation>
    </message>
    <message>
        <source>The next batch (after the last: the next epoch&apos;s first)</source>
        <translation>次のバッチ（最後のあとは次のエポックの最初）</translation>
    </message>
    <message>
        <source>Step through the batches, one every 0.6 s</source>
        <translation>バッチを 0.6 秒ごとに進めます</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>1 trained run is not saved:</source>
        <translation>学習済みのラン 1 件が保存されていません：</translation>
    </message>
    <message>
        <source>{count} trained runs are not saved:</source>
        <translation>学習済みのラン {count} 件が保存されていません：</translation>
    </message>
    <message>
        <source>Unsaved runs</source>
        <translation>保存していないラン</translation>
    </message>
    <message>
        <source>Save each to a model file, or every run of the window, as it is shown, in one session file.</source>
        <translation>1 つずつモデルファイルに保存するか、ウィンドウのすべてのランを表示しているまま 1 つのセッションファイルに保存してください。</translation>
    </message>
    <message>
        <source>Save all…</source>
        <translation>すべて保存…</translation>
    </message>
    <message>
        <source>Save the session…</source>
        <translation>セッションを保存…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <source>A run is training</source>
        <translation>学習中のランがあります</translation>
    </message>
    <message>
        <source>“{run}” is still training ({epochs} so far). Stop it and quit? What it has learned so far will be lost.</source>
        <translation>「{run}」はまだ学習中です（ここまで {epochs}）。止めて終了しますか？ ここまでに学んだことは失われます。</translation>
    </message>
    <message>
        <source>Delete an unsaved run</source>
        <translation>保存していないランの削除</translation>
    </message>
    <message>
        <source>“{run}” ({network}, {epochs}) is not saved. Delete it anyway?</source>
        <translation>「{run}」（{network}、{epochs}）は保存されていません。それでも削除しますか？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>保存できませんでした</translation>
    </message>
    <message>
        <source>“{run}” is still here, unsaved. Save it somewhere else?</source>
        <translation>「{run}」はまだここにあり、保存されていません。別の場所に保存しますか？</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>still loading</source>
        <translation>読み込み中</translation>
    </message>
    <message>
        <source>About RNN Studio</source>
        <translation>RNN Studio について</translation>
    </message>
    <message>
        <source>2x the size on screen</source>
        <translation>画面上の 2 倍</translation>
    </message>
    <message>
        <source>1x the size on screen</source>
        <translation>画面上の 1 倍</translation>
    </message>
    <message>
        <source>3x the size on screen</source>
        <translation>画面上の 3 倍</translation>
    </message>
    <message>
        <source>1280 px wide</source>
        <translation>幅 1280 px</translation>
    </message>
    <message>
        <source>1920 px wide (a full-HD slide)</source>
        <translation>幅 1920 px（フル HD のスライド）</translation>
    </message>
    <message>
        <source>3840 px wide</source>
        <translation>幅 3840 px</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Plots as &amp;PNG and SVG…</source>
        <translation>グラフを PNG と SVG で(&amp;P)…</translation>
    </message>
    <message>
        <source>Run data as &amp;CSV…</source>
        <translation>ランのデータを CSV で(&amp;C)…</translation>
    </message>
    <message>
        <source>Experiment as &amp;JSON…</source>
        <translation>実験を JSON で(&amp;J)…</translation>
    </message>
    <message>
        <source>As Python &amp;script…</source>
        <translation>Python スクリプトとして(&amp;S)…</translation>
    </message>
    <message>
        <source>{file} was not written</source>
        <translation>{file} が書き出されませんでした</translation>
    </message>
    <message>
        <source>Export the plots as PNG and SVG into</source>
        <translation>グラフを PNG と SVG で書き出すフォルダー</translation>
    </message>
    <message>
        <source>PNG size</source>
        <translation>PNG の大きさ</translation>
    </message>
    <message>
        <source>How large should the PNG images be? (The SVG files are vector drawings: any size.)</source>
        <translation>PNG 画像の大きさは？（SVG ファイルはベクター画像なので、どんな大きさでも使えます。）</translation>
    </message>
    <message>
        <source>Could not write the plots to {folder}: {error}</source>
        <translation>グラフを {folder} に書き出せませんでした：{error}</translation>
    </message>
    <message>
        <source>Select a run to export its numbers (the Runs tab)</source>
        <translation>数値をエクスポートするランを選んでください（「ラン」タブ）</translation>
    </message>
    <message>
        <source>Export the run&apos;s numbers as CSV into</source>
        <translation>ランの数値を CSV で書き出すフォルダー</translation>
    </message>
    <message>
        <source>Could not write the tables to {folder}: {error}</source>
        <translation>表を {folder} に書き出せませんでした：{error}</translation>
    </message>
    <message>
        <source>Export the experiment as JSON</source>
        <translation>実験を JSON でエクスポート</translation>
    </message>
    <message>
        <source>Export as a Python script</source>
        <translation>Python スクリプトとしてエクスポート</translation>
    </message>
    <message>
        <source>Fix the fields marked in red first: there is no valid experiment to export</source>
        <translation>先に赤く示された項目を直してください：エクスポートできる正しい実験がありません</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}</source>
        <translation>{file} を書き出せませんでした：{error}</translation>
    </message>
    <message>
        <source>Could not export {file}: {error}</source>
        <translation>{file} をエクスポートできませんでした：{error}</translation>
    </message>
    <message>
        <source>Exported {files} to {folder}</source>
        <translation>{files} を {folder} に書き出しました</translation>
    </message>
    <message>
        <source>Train or open a run to compare its closed loop with its one-step predictions</source>
        <translation>ランを学習するか開くと、閉ループと 1 ステップ先予測を比べられます</translation>
    </message>
    <message>
        <source>No closed loop to compare: this run has no rollout (x -&gt; y, or 0 rollout steps)</source>
        <translation>比べる閉ループがありません：このランにはロールアウトがありません（x -&gt; y、またはロールアウトのステップが 0）</translation>
    </message>
    <message>
        <source>The closed-loop errors could not be computed</source>
        <translation>閉ループの誤差を計算できませんでした</translation>
    </message>
    <message>
        <source>RNN Studio models (*.keras)</source>
        <translation>RNN Studio のモデル (*.keras)</translation>
    </message>
    <message>
        <source>The CSV file could not be read: {message}</source>
        <translation>CSV ファイルを読めませんでした：{message}</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>{file} is already open: its run is shown</source>
        <translation>{file} はもう開いています：そのランを表示しました</translation>
    </message>
    <message>
        <source>Opening {file} once TensorFlow has loaded…</source>
        <translation>TensorFlow の読み込みが終わったら {file} を開きます…</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} を開いています…</translation>
    </message>
    <message>
        <source>Opening {file} cancelled</source>
        <translation>{file} を開くのを取り消しました</translation>
    </message>
    <message>
        <source>{file}: could not be opened</source>
        <translation>{file}：開けませんでした</translation>
    </message>
    <message>
        <source>Could not open {file}</source>
        <translation>{file} を開けませんでした</translation>
    </message>
    <message>
        <source>{file}: the model opened, but its data could not be loaded: {error}</source>
        <translation>{file}：モデルは開きましたが、データを読み込めませんでした：{error}</translation>
    </message>
    <message>
        <source>Opened {file}: {what}</source>
        <translation>{file} を開きました：{what}</translation>
    </message>
    <message>
        <source>a plain Keras model, no training history</source>
        <translation>素の Keras モデル（学習履歴なし）</translation>
    </message>
    <message>
        <source>{file}: could not be opened ({reason})</source>
        <translation>{file}：開けませんでした（{reason}）</translation>
    </message>
    <message>
        <source>Where is the data of “{run}”?</source>
        <translation>「{run}」のデータはどこにありますか？</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV ファイル (*.csv *.tsv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} を読み込み中…</translation>
    </message>
    <message>
        <source>{file} could not be read</source>
        <translation>{file} を読めませんでした</translation>
    </message>
    <message>
        <source>{file} does not fit “{run}”: {problem}</source>
        <translation>{file} は「{run}」に合いません：{problem}</translation>
    </message>
    <message>
        <source>“{run}” reads its data from {file}</source>
        <translation>「{run}」は {file} からデータを読みます</translation>
    </message>
    <message>
        <source>Save “{run}”</source>
        <translation>「{run}」を保存</translation>
    </message>
    <message>
        <source>{file} is the file of the run “{run}”: saving there would overwrite it</source>
        <translation>{file} はラン「{run}」のファイルです：そこに保存すると上書きしてしまいます</translation>
    </message>
    <message>
        <source>Saved {run} to {file}</source>
        <translation>{run} を {file} に保存しました</translation>
    </message>
    <message>
        <source>epoch {epoch}: loss {loss}</source>
        <translation>エポック {epoch}：損失 {loss}</translation>
    </message>
    <message>
        <source>, val_loss {val}</source>
        <translation>、val_loss {val}</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>やめる</translation>
    </message>
    <message>
        <source>The step before</source>
        <translation>前のステップ</translation>
    </message>
    <message>
        <source>Close the lesson; Lessons &gt; Continue resumes it at this step</source>
        <translation>レッスンを閉じます。「レッスン &gt; 続ける」でこのステップから再開できます</translation>
    </message>
    <message>
        <source>Lesson {number} of {count}: {title}</source>
        <translation>レッスン {number}/{count}：{title}</translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation>ステップ {number}/{count}</translation>
    </message>
    <message>
        <source>Do: {text}</source>
        <translation>やること：{text}</translation>
    </message>
    <message>
        <source>Watch: {text}</source>
        <translation>見るところ：{text}</translation>
    </message>
    <message>
        <source>Question: {text}</source>
        <translation>問題：{text}</translation>
    </message>
    <message>
        <source>Finish the lesson</source>
        <translation>レッスンを終える</translation>
    </message>
    <message>
        <source>Task done.</source>
        <translation>課題は完了です。</translation>
    </message>
    <message>
        <source>To do: {task}.</source>
        <translation>課題：{task}。</translation>
    </message>
    <message>
        <source>Right. {why}</source>
        <translation>正解です。{why}</translation>
    </message>
    <message>
        <source>Not quite: look at the screen again, and try another answer.</source>
        <translation>ちょっと違います：画面をもう一度見て、別の答えを選んでください。</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>レッスン(&amp;L)</translation>
    </message>
    <message>
        <source>Continue the lesson</source>
        <translation>レッスンを続ける</translation>
    </message>
    <message>
        <source>Continue (no lesson under way)</source>
        <translation>続ける（進行中のレッスンはありません）</translation>
    </message>
    <message>
        <source> (step {number} of {count})</source>
        <translation>（ステップ {number}/{count}）</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>実験</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>ラン</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>スイープ</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>No run yet: press Train (F5)</source>
        <translation>まだランがありません：学習（F5）を押してください</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>TensorFlow を読み込み中…</translation>
    </message>
    <message>
        <source>TensorFlow loads in the background; Train is ready when it has</source>
        <translation>TensorFlow はバックグラウンドで読み込みます。読み込みが終わると学習できます</translation>
    </message>
    <message>
        <source>TensorFlow could not be loaded: {message}</source>
        <translation>TensorFlow を読み込めませんでした：{message}</translation>
    </message>
    <message>
        <source>TensorFlow ready</source>
        <translation>TensorFlow の準備ができました</translation>
    </message>
    <message>
        <source>“{run}” is training: its settings cannot change now. The rollout fields still apply at once.</source>
        <translation>「{run}」は学習中です：今は設定を変えられません。ロールアウトの項目はすぐに反映されます。</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Training {run}…</source>
        <translation>{run} を学習中…</translation>
    </message>
    <message>
        <source>Training {run} {epochs} more epochs…</source>
        <translation>{run} をさらに {epochs} エポック学習中…</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <source>{run} {state}: {losses}</source>
        <translation>{run} {state}：{losses}</translation>
    </message>
    <message>
        <source>{run} stopped before the first epoch finished</source>
        <translation>{run} は最初のエポックが終わる前に停止しました</translation>
    </message>
    <message>
        <source>The panel holds a copy of “{run}”: change it and press Train for a new run</source>
        <translation>パネルには「{run}」のコピーが入っています：変更して学習を押すと新しいランになります</translation>
    </message>
    <message>
        <source>No memory to show: x -&gt; y has no earlier steps</source>
        <translation>表示する記憶がありません：x -&gt; y には前のステップがありません</translation>
    </message>
    <message>
        <source>Train or open a run to see how far back it reaches</source>
        <translation>ランを学習するか開くと、どこまでさかのぼって届くかが表示されます</translation>
    </message>
    <message>
        <source>The gradients could not be computed</source>
        <translation>勾配を計算できませんでした</translation>
    </message>
    <message>
        <source>Choose a CSV series</source>
        <translation>CSV の系列を選ぶ</translation>
    </message>
    <message>
        <source>{file} could not be read: {message}</source>
        <translation>{file} を読めませんでした：{message}</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>データ元</translation>
    </message>
    <message>
        <source>Generated sine or pulse train, or your own CSV series</source>
        <translation>生成したサイン波かパルス列、または自分の CSV の系列</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV ファイル</translation>
    </message>
    <message>
        <source>A CSV file with one numeric column to learn</source>
        <translation>学習させる数値の列を 1 つ持つ CSV ファイル</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column name, or 0-based index</source>
        <translation>列名、または 0 から数えた番号</translation>
    </message>
    <message>
        <source>Missing cells</source>
        <translation>欠けたセル</translation>
    </message>
    <message>
        <source>Empty cells in the column: refuse (the message names their lines), interpolate (in time when there are dates), or drop those rows</source>
        <translation>列の空のセル：拒否（メッセージにその行を示します）、補間（日付があれば時間で）、またはその行を除く</translation>
    </message>
    <message>
        <source>Decimal mark</source>
        <translation>小数点</translation>
    </message>
    <message>
        <source>How the file writes 1.5: auto (from its numbers; a file whose numbers could be read both ways, such as 1,601, is refused until you say), a point, or a comma</source>
        <translation>ファイルでの 1.5 の書き方：自動（数値から判断。1,601 のようにどちらとも読める数値のファイルは、指定するまで受け付けません）、ピリオド、またはカンマ</translation>
    </message>
    <message>
        <source>Date order</source>
        <translation>日付の順序</translation>
    </message>
    <message>
        <source>Whether dates like 01/02/2020 put the day or the month first: auto (from the dates; dates that read both ways, with no 13 or later among their first two numbers, are refused until you say)</source>
        <translation>01/02/2020 のような日付で、日と月のどちらが先か：自動（日付から判断。最初の 2 つの数に 13 以上がなく、どちらとも読める日付は、指定するまで受け付けません）</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>長さ</translation>
    </message>
    <message>
        <source>Number of points in the series</source>
        <translation>系列の点の数</translation>
    </message>
    <message>
        <source>t start</source>
        <translation>t の開始</translation>
    </message>
    <message>
        <source>t of the first point</source>
        <translation>最初の点の t</translation>
    </message>
    <message>
        <source>t step</source>
        <translation>t の刻み</translation>
    </message>
    <message>
        <source>Spacing between points in t</source>
        <translation>t での点の間隔</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Sine: period in t units. Pulse: period in samples</source>
        <translation>サイン波：t の単位での周期。パルス：サンプル数での周期</translation>
    </message>
    <message>
        <source>Amplitude</source>
        <translation>振幅</translation>
    </message>
    <message>
        <source>Sine amplitude</source>
        <translation>サイン波の振幅</translation>
    </message>
    <message>
        <source>Pulse width</source>
        <translation>パルス幅</translation>
    </message>
    <message>
        <source>Samples per period at value 1</source>
        <translation>1 周期のうち値が 1 のサンプル数</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>ノイズ</translation>
    </message>
    <message>
        <source>Noise added to every point</source>
        <translation>各点に加えるノイズ</translation>
    </message>
    <message>
        <source>Noise level</source>
        <translation>ノイズの大きさ</translation>
    </message>
    <message>
        <source>Uniform: half-width. Normal: standard deviation</source>
        <translation>一様分布：半幅。正規分布：標準偏差</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>データのシード</translation>
    </message>
    <message>
        <source>Same seed, same noise</source>
        <translation>同じシードなら同じノイズ</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>スケーリング</translation>
    </message>
    <message>
        <source>none; standard: (x - mean) / std; minmax: the training range onto -1..1; difference: learn the change from the last value (a trend carries on). Fitted on the training part only; it lives in the saved model, which takes and gives raw values</source>
        <translation>none：なし。standard：(x - 平均) / 標準偏差。minmax：学習部分の範囲を -1..1 へ。difference：前の値からの変化を学習（トレンドが続く）。学習部分だけで当てはめ、保存したモデルの中に入るので、モデルは生の値を受け取り生の値を返します</translation>
    </message>
    <message>
        <source>Non-negative</source>
        <translation>非負</translation>
    </message>
    <message>
        <source>Keep predictions and forecasts at 0 or above (counts, sales): a ReLU at the model&apos;s output, in the saved model too</source>
        <translation>予測と将来予測を 0 以上に保ちます（件数、売上など）：モデルの出力に ReLU を置きます。保存したモデルにも入ります</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>季節</translation>
    </message>
    <message>
        <source>Season length in steps, for the seasonal naive baseline (0: detect it; 1: none)</source>
        <translation>季節の長さ（ステップ数）。季節ナイーブのベースラインに使います（0：自動で検出、1：季節なし）</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>レイアウト</translation>
    </message>
    <message>
        <source>windows: past values -&gt; next value; sequence: window -&gt; window shifted by one; stateful: consecutive chunks carrying state; xy: x -&gt; y (Dense MLP)</source>
        <translation>windows：過去の値 -&gt; 次の値。sequence：ウィンドウ -&gt; 1 つずらしたウィンドウ。stateful：状態を引き継ぐ連続した区切り。xy：x -&gt; y（Dense MLP）</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>Steps per sample (chunk length for stateful)</source>
        <translation>1 サンプルのステップ数（ステートフルでは区切りの長さ）</translation>
    </message>
    <message>
        <source>Stream shifts</source>
        <translation>ストリームのシフト</translation>
    </message>
    <message>
        <source>Stateful: one stream per circular shift, e.g. 0, 3, 6</source>
        <translation>ステートフル：循環シフトごとに 1 つのストリーム。例：0, 3, 6</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Dense MLP or a recurrent layer type</source>
        <translation>Dense MLP または再帰層の種類</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>Hidden layers (recurrent: 1-3)</source>
        <translation>隠れ層の数（再帰層は 1-3）</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>ユニット</translation>
    </message>
    <message>
        <source>Units per hidden layer</source>
        <translation>隠れ層ごとのユニット数</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>シード数</translation>
    </message>
    <message>
        <source>Networks trained together from different initial weights (1-10); the model gives their mean, and the plots shade their spread. The first starts as a single network with this Seed does</source>
        <translation>異なる初期重みから一緒に学習させるネットワークの数（1-10）。モデルはそれらの平均を出し、グラフにはばらつきが網掛けで表示されます。1 つ目は、このシードの単独のネットワークと同じ状態から始まります</translation>
    </message>
    <message>
        <source>Linear highway</source>
        <translation>線形ハイウェイ</translation>
    </message>
    <message>
        <source>Add a linear autoregression on the window to the output (as LSTNet does), starting from the least-squares fit: the network learns what a linear model misses (windows layout)</source>
        <translation>ウィンドウの線形自己回帰を出力に足します（LSTNet と同じ）。最小二乗の当てはめから始まり、ネットワークは線形モデルが取りこぼした分を学習します（windows レイアウト）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>活性化関数</translation>
    </message>
    <message>
        <source>Activation of the hidden layers</source>
        <translation>隠れ層の活性化関数</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初期化</translation>
    </message>
    <message>
        <source>How input weights start</source>
        <translation>入力の重みの初期値</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <source>Passes over the training samples</source>
        <translation>学習サンプル全体を通る回数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>Samples per optimizer step</source>
        <translation>1 回の最適化ステップのサンプル数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最適化手法</translation>
    </message>
    <message>
        <source>Gradient descent flavour</source>
        <translation>勾配降下法の種類</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Step size of the optimizer</source>
        <translation>最適化手法のステップの大きさ</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>mse: mean squared error; mae: mean absolute error</source>
        <translation>mse：平均二乗誤差。mae：平均絶対誤差</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Last fraction of samples held out (0-0.9)</source>
        <translation>検証用に取っておく最後のサンプルの割合（0-0.9）</translation>
    </message>
    <message>
        <source>Early stop</source>
        <translation>早期終了</translation>
    </message>
    <message>
        <source>Stop after this many epochs without a lower validation loss and keep the best epoch&apos;s weights (0: off)</source>
        <translation>検証損失が下がらないエポックがこの数だけ続いたら止め、最良のエポックの重みを残します（0：使わない）</translation>
    </message>
    <message>
        <source>Refit</source>
        <translation>再学習</translation>
    </message>
    <message>
        <source>After early stopping, train on from the kept epoch on every sample, the validation part&apos;s too, for this share of the kept epochs (0-1; 0: off; nothing without early stopping), as forecasters refit on all the data before forecasting. The scores stay the kept epoch&apos;s, which never saw the validation part</source>
        <translation>早期終了のあと、保持したエポックから検証部分も含む全サンプルで、保持したエポック数のこの割合だけ学習を続けます（0〜1。0: しない。早期終了なしでは何もしません）。予測の実務で予測前に全データで当てはめ直すのと同じです。スコアは検証部分を見ていない保持エポックのままです</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>シャッフル</translation>
    </message>
    <message>
        <source>Shuffle training samples each epoch (never for stateful)</source>
        <translation>エポックごとに学習サンプルをシャッフルします（ステートフルでは行いません）</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>What the network reads while it trains. Teacher forcing: always the true past. Free running: over the horizon its own predictions are fed back as its next inputs, and the loss covers them all. Scheduled sampling: each of those inputs is its prediction with a chance that rises from epoch to epoch (to 1 at the last), else the truth. Watch the Closed loop tab (windows and sequence layouts)</source>
        <translation>学習中にネットワークが読むもの。教師強制：いつも真の過去。自走：ホライズンの間、自分の予測を次の入力として戻し、損失はそのすべてにかかります。スケジュールドサンプリング：それらの入力のそれぞれが、エポックごとに上がる確率（最後は 1）で自分の予測になり、そうでなければ真の値になります。「閉ループ」タブを見てください（windows と sequence のレイアウト）</translation>
    </message>
    <message>
        <source>Horizon</source>
        <translation>ホライズン</translation>
    </message>
    <message>
        <source>Steps the network runs on its own predictions in training (2-100; sequence: at most the window)</source>
        <translation>学習中にネットワークが自分の予測で進むステップ数（2-100。sequence ではウィンドウ以下）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Initial weights and shuffling</source>
        <translation>重みの初期値とシャッフル</translation>
    </message>
    <message>
        <source>Warm-up start</source>
        <translation>ウォームアップの開始位置</translation>
    </message>
    <message>
        <source>Series index where the warm-up begins</source>
        <translation>ウォームアップを始める系列の位置</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>ウォームアップ</translation>
    </message>
    <message>
        <source>True values fed before the closed loop</source>
        <translation>閉ループの前に入力する真の値の数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ数</translation>
    </message>
    <message>
        <source>Closed-loop steps, each fed the previous output</source>
        <translation>閉ループのステップ数（各ステップに前の出力を入力）</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>将来予測</translation>
    </message>
    <message>
        <source>Closed-loop steps past the end of the series</source>
        <translation>系列の終わりより先の閉ループのステップ数</translation>
    </message>
    <message>
        <source>Sine wave</source>
        <translation>サイン波</translation>
    </message>
    <message>
        <source>Pulse train</source>
        <translation>パルス列</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>一様分布</translation>
    </message>
    <message>
        <source>Normal (Gaussian)</source>
        <translation>正規分布（ガウス）</translation>
    </message>
    <message>
        <source>Dense MLP</source>
        <translation>Dense MLP</translation>
    </message>
    <message>
        <source>SimpleRNN</source>
        <translation>SimpleRNN</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>Glorot uniform</source>
        <translation>Glorot 一様分布</translation>
    </message>
    <message>
        <source>Glorot normal</source>
        <translation>Glorot 正規分布</translation>
    </message>
    <message>
        <source>He normal</source>
        <translation>He 正規分布</translation>
    </message>
    <message>
        <source>Random normal</source>
        <translation>ランダム正規分布</translation>
    </message>
    <message>
        <source>Random uniform</source>
        <translation>ランダム一様分布</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>MSE (mean squared error)</source>
        <translation>MSE（平均二乗誤差）</translation>
    </message>
    <message>
        <source>MAE (mean absolute error)</source>
        <translation>MAE（平均絶対誤差）</translation>
    </message>
    <message>
        <source>Standard (mean, std)</source>
        <translation>標準化（平均、標準偏差）</translation>
    </message>
    <message>
        <source>Min-max (onto -1..1)</source>
        <translation>最小-最大（-1..1 へ）</translation>
    </message>
    <message>
        <source>Difference (changes)</source>
        <translation>差分（変化量）</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>補間</translation>
    </message>
    <message>
        <source>Drop those rows</source>
        <translation>その行を除く</translation>
    </message>
    <message>
        <source>Auto (from the file)</source>
        <translation>自動（ファイルから判断）</translation>
    </message>
    <message>
        <source>Point (1.5)</source>
        <translation>ピリオド (1.5)</translation>
    </message>
    <message>
        <source>Comma (1,5)</source>
        <translation>カンマ (1,5)</translation>
    </message>
    <message>
        <source>Day first (31/01/2020)</source>
        <translation>日が先 (31/01/2020)</translation>
    </message>
    <message>
        <source>Month first (01/31/2020)</source>
        <translation>月が先 (01/31/2020)</translation>
    </message>
    <message>
        <source>Teacher forcing (true inputs)</source>
        <translation>教師強制（真の入力）</translation>
    </message>
    <message>
        <source>Free running (own predictions)</source>
        <translation>自走（自分の予測を入力）</translation>
    </message>
    <message>
        <source>Scheduled sampling (rising share)</source>
        <translation>スケジュールドサンプリング（割合が増えていく）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Closed-loop rollout</source>
        <translation>閉ループのロールアウト</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>whole numbers separated by commas</source>
        <translation>カンマで区切った整数</translation>
    </message>
    <message>
        <source>{field} must be {wanted} (not {value})</source>
        <translation>{field}は{wanted}でなければなりません（{value} ではなく）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Start from one of the built-in experiments</source>
        <translation>組み込みの実験から始めます</translation>
    </message>
    <message>
        <source>Reset to recipe</source>
        <translation>レシピに戻す</translation>
    </message>
    <message>
        <source>Restore every field to the chosen recipe&apos;s values</source>
        <translation>すべての項目を、選んだレシピの値に戻します</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>レシピ</translation>
    </message>
    <message>
        <source>Estimated from the sizes (samples, window, weights, epochs) before anything runs</source>
        <translation>サイズ（サンプル、ウィンドウ、重み、エポック）から、実行前に見積もったもの</translation>
    </message>
    <message>
        <source>Preview of the chosen CSV column</source>
        <translation>選んだ CSV の列のプレビュー</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>CSV ファイルを選ぶ</translation>
    </message>
    <message>
        <source>What to watch: {what}</source>
        <translation>見るところ：{what}</translation>
    </message>
    <message>
        <source>Custom experiment, starting from the {recipe} recipe</source>
        <translation>カスタムの実験（レシピ {recipe} から）</translation>
    </message>
    <message>
        <source>Your own experiment</source>
        <translation>自分の実験</translation>
    </message>
    <message>
        <source>Training takes {time} here (estimate; a first run also compiles, {compiling})</source>
        <translation>ここでの学習時間は{time}です（見積もり。最初のランはさらにコンパイルに{compiling}）</translation>
    </message>
    <message>
        <source>States</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>記憶</translation>
    </message>
    <message>
        <source>Gradients through time: how far back the network&apos;s prediction reaches</source>
        <translation>時間をさかのぼる勾配：ネットワークの予測がどこまで過去に届くか</translation>
    </message>
    <message>
        <source>Closed loop</source>
        <translation>閉ループ</translation>
    </message>
    <message>
        <source>Per epoch, the closed loop&apos;s error against the one-step error: exposure bias</source>
        <translation>エポックごとの閉ループの誤差と 1 ステップ先の誤差：露出バイアス</translation>
    </message>
    <message>
        <source>Data&apos;s path</source>
        <translation>データの流れ</translation>
    </message>
    <message>
        <source>How the series becomes samples, batches and state, batch by batch</source>
        <translation>系列がサンプル、バッチ、状態になる様子を、バッチごとに</translation>
    </message>
    <message>
        <source>The plots could not be computed: {message}</source>
        <translation>グラフを計算できませんでした：{message}</translation>
    </message>
    <message>
        <source>How far back the network remembers, and why. One prediction is chosen (the first held-out one, or the first step after the rollout&apos;s warm-up). The lines show, for each number of steps back, how strongly the loss&apos;s gradient reaches the hidden state the network had then (or how much the input then moves the prediction), on a log scale: training can only teach the network to use what this gradient reaches. A plain RNN&apos;s gradient shrinks about geometrically with every step back, so it cannot learn long dependencies; the LSTM&apos;s and GRU&apos;s gates can keep it from fading. Bold: the replayed epoch; faint: earlier epochs. Tick &apos;Epochs x steps back&apos; to see the reach grow (or not) over the whole training.</source>
        <translation>ネットワークがどこまで過去を覚えているか、そしてその理由。予測を 1 つ選びます（検証部分の最初の予測、またはロールアウトのウォームアップ直後）。線は、さかのぼるステップ数ごとに、損失の勾配がその時点の隠れ状態にどれだけ強く届くか（または、その時点の入力が予測をどれだけ動かすか）を対数目盛りで示します。学習でネットワークが使えるようになるのは、この勾配が届く範囲だけです。素の RNN の勾配は 1 ステップさかのぼるごとにほぼ等比級数的に小さくなるので、長い依存関係は学べません。LSTM と GRU のゲートは勾配が消えるのを防げます。太線：再生中のエポック。薄い線：それより前のエポック。「エポック × さかのぼるステップ」にチェックすると、学習全体で届く範囲が伸びる（伸びない）様子が見えます。</translation>
    </message>
    <message>
        <source>Why the one-step prediction can look perfect while the closed loop drifts away. For every epoch, two errors of the same targets (the rollout&apos;s steps): red, how far the closed loop is from the truth when each input is the network&apos;s own previous prediction; green, dashed, how far the one-step predictions are, each made from true inputs. The shaded gap is exposure bias: trained with teacher forcing, the network never meets its own errors, so they compound. Train the same experiment with Inputs = free running (or scheduled sampling), tick both runs, and compare: the closed loop comes closer, often for a slightly worse one step. The dotted grey line (right axis) is scheduled sampling&apos;s chance of feeding back a prediction at each epoch.</source>
        <translation>1 ステップ先予測は完璧に見えるのに、閉ループが離れていくのはなぜか。エポックごとに、同じ目標値（ロールアウトのステップ）に対する 2 つの誤差を描きます：赤は、各入力がネットワーク自身の前の予測であるときの閉ループと真の値の差。緑の破線は、真の入力から作った 1 ステップ先予測の差。網掛けの差が露出バイアスです：教師強制で学習したネットワークは自分の誤差に出会わないので、誤差が積み重なります。同じ実験を入力 = 自走（またはスケジュールドサンプリング）で学習し、両方のランにチェックを入れて比べてください：閉ループは近づき、その代わり 1 ステップ先は少し悪くなることが多いです。灰色の点線（右の軸）は、スケジュールドサンプリングで各エポックに予測を入力に戻す確率です。</translation>
    </message>
    <message>
        <source>How the series becomes what training sees. Each row is one sample of the batch shown: its inputs (the bar: a window of past values, or a chunk of a stream) and its targets (the dots: the next value, or every next value of the window). Step through the batches in the order the trainer runs them (shuffled anew each epoch unless the layout carries state); the Data plot highlights the same samples. The shaded part is held out for validation. For stateful chunks, row s of every batch continues stream s where the batch before left it, so the network&apos;s state carries over; at each epoch&apos;s start it is reset to zero. Shapes are as Keras writes them: (samples, time steps, features).</source>
        <translation>系列が、学習で見るものにどう変わるか。各行は表示中のバッチの 1 サンプルです：入力（棒：過去の値のウィンドウ、またはストリームの一区切り）と目標値（点：次の値、またはウィンドウの各値の次の値）。学習と同じ順序でバッチを進めます（状態を引き継ぐレイアウトでなければ、エポックごとにシャッフルし直します）。データのグラフにも同じサンプルが強調表示されます。網掛けの部分は検証用に取っておいた部分です。ステートフルな区切りでは、どのバッチの行 s も、前のバッチが終わったところからストリーム s を続けるので、ネットワークの状態が引き継がれます。各エポックの始まりで状態はゼロにリセットされます。形状は Keras の書き方です：(サンプル数, 時間ステップ数, 特徴量数)。</translation>
    </message>
    <message>
        <source>The series the network learns. Blue: the training part; orange: the validation part, held out to check the network on values it never trained on. The shaded band is the warm-up of the closed-loop rollout: true values fed in before the network runs on its own.</source>
        <translation>ネットワークが学習する系列。青：学習部分。オレンジ：検証部分（学習に使わなかった値でネットワークを確かめるために取っておきます）。網掛けの帯は閉ループのロールアウトのウォームアップです：ネットワークが自分だけで進む前に、真の値を入力します。</translation>
    </message>
    <message>
        <source>How wrong the network is after each epoch (mean squared or absolute error on the training samples, and on the validation samples). Log scale: a straight fall means the error shrinks by the same factor each epoch. val_loss rising while loss falls: the network memorises instead of learning. The dashed vertical line marks the epoch being replayed. A grey band marks a refit after early stopping: from the best epoch, training on every sample, the validation part&apos;s too (so no val_loss, and a loss that jumps to include it). With runs overlaid, each run is one entry of the legend in its colour: its loss solid, its val_loss dashed.</source>
        <translation>各エポックのあと、ネットワークがどれだけ間違えているか（学習サンプルと検証サンプルでの二乗誤差または絶対誤差の平均）。対数目盛りなので、まっすぐ下がる線は、誤差が毎エポック同じ割合で縮んでいることを意味します。loss が下がるのに val_loss が上がるなら、ネットワークは学習ではなく丸暗記をしています。縦の破線は再生中のエポックです。灰色の帯は早期終了後の再学習です：最良のエポックから、検証部分も含む全サンプルで学習します（そのため val_loss はなく、loss は検証部分を含む分だけ跳ね上がります）。ランを重ねると、各ランは凡例の 1 項目（そのランの色）になります：loss は実線、val_loss は破線です。</translation>
    </message>
    <message>
        <source>Grey: the truth. Green, dashed: one-step predictions, each made from true past values only. Red: the closed-loop rollout: after the warm-up (shaded), each prediction becomes the next input, with no true value used. One-step errors can be tiny while the rollout drifts away; that is the real test. Purple: the forecast past the end of the data. With runs overlaid, each run is one entry of the legend in its colour: its closed loop solid, its one-step predictions dashed.</source>
        <translation>灰色：真の値。緑の破線：1 ステップ先予測。どれも真の過去の値だけから作ります。赤：閉ループのロールアウト。ウォームアップ（網掛け）のあとは、各予測が次の入力になり、真の値は使いません。1 ステップ先の誤差はとても小さくても、ロールアウトは離れていくことがあります。こちらが本当のテストです。紫：データの終わりより先の将来予測。ランを重ねると、各ランは凡例の 1 項目（そのランの色）になります：閉ループは実線、1 ステップ先予測は破線です。</translation>
    </message>
    <message>
        <source>What is the {title} plot?</source>
        <translation>{title}のグラフとは？</translation>
    </message>
    <message>
        <source>The {title} plot</source>
        <translation>{title}のグラフ</translation>
    </message>
    <message>
        <source>this</source>
        <translation>この</translation>
    </message>
    <message>
        <source>Show the {title} plot alone, as large as the plot area (again, or Esc: every plot)</source>
        <translation>{title}のグラフだけを、グラフ領域いっぱいに表示します（もう一度押すか Esc：すべてのグラフ）</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>batch row</source>
        <translation>バッチの行</translation>
    </message>
    <message>
        <source>inputs (window)</source>
        <translation>入力（ウィンドウ）</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>目標値</translation>
    </message>
    <message>
        <source>sample {n}</source>
        <translation>サンプル {n}</translation>
    </message>
    <message>
        <source> (first {shown} of {samples})</source>
        <translation>（{samples} 件中の最初の {shown} 件）</translation>
    </message>
    <message>
        <source>Epoch {epoch}, batch {batch} of {batches}: x {shape}</source>
        <translation>エポック {epoch}、バッチ {batch}/{batches}：x {shape}</translation>
    </message>
    <message>
        <source>state carried on</source>
        <translation>状態を引き継ぐ</translation>
    </message>
    <message>
        <source>state reset to zero</source>
        <translation>状態をゼロにリセット</translation>
    </message>
    <message>
        <source>; each stream&apos;s state carried on from batch {batch}</source>
        <translation>；各ストリームの状態はバッチ {batch} から引き継ぎ</translation>
    </message>
    <message>
        <source>; states reset to zero (epoch start)</source>
        <translation>；状態はゼロにリセット（エポックの始まり）</translation>
    </message>
    <message>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <source>training</source>
        <comment>the part of the series trained on</comment>
        <translation>学習部分</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>batch shown</source>
        <translation>表示中のバッチ</translation>
    </message>
    <message>
        <source>rollout warm-up</source>
        <translation>ロールアウトのウォームアップ</translation>
    </message>
    <message>
        <source>Closed loop vs one step</source>
        <translation>閉ループと 1 ステップ先の比較</translation>
    </message>
    <message>
        <source>rollout RMSE (log scale)</source>
        <translation>ロールアウトの RMSE（対数目盛り）</translation>
    </message>
    <message>
        <source>closed loop</source>
        <translation>閉ループ</translation>
    </message>
    <message>
        <source>one step</source>
        <translation>1 ステップ先</translation>
    </message>
    <message>
        <source>Closed loop / one step: {times}</source>
        <translation>閉ループ / 1 ステップ先：{times}</translation>
    </message>
    <message>
        <source>{run} one step</source>
        <translation>{run} 1 ステップ先</translation>
    </message>
    <message>
        <source>chance of feeding back</source>
        <translation>予測を戻す確率</translation>
    </message>
    <message>
        <source>epoch {epoch}
closed loop {closed}
one step {one_step}</source>
        <translation>エポック {epoch}
閉ループ {closed}
1 ステップ先 {one_step}</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>損失（対数目盛り）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>val_loss</source>
        <translation>val_loss</translation>
    </message>
    <message>
        <source>loss (solid)</source>
        <translation>損失（実線）</translation>
    </message>
    <message>
        <source>val_loss (dashed)</source>
        <translation>val_loss（破線）</translation>
    </message>
    <message>
        <source>smoothing </source>
        <translation>平滑化 </translation>
    </message>
    <message>
        <source>Exponential moving average of the curves (0: raw). The raw curve stays faint behind the smoothed one, as in TensorBoard.</source>
        <translation>曲線の指数移動平均（0：生のまま）。TensorBoard と同じく、生の曲線は平滑化した曲線の後ろに薄く残ります。</translation>
    </message>
    <message>
        <source>epoch {value:.0f}</source>
        <translation>エポック {value:.0f}</translation>
    </message>
    <message>
        <source>{kind}: {members} seeds, lowest to highest</source>
        <translation>{kind}：{members} 個のシード、最小から最大まで</translation>
    </message>
    <message>
        <source> (refit on every sample, the validation part&apos;s too)</source>
        <translation>（検証部分も含む全サンプルで再学習）</translation>
    </message>
    <message>
        <source>state gradient ‖∂L/∂h‖</source>
        <translation>状態の勾配 ‖∂L/∂h‖</translation>
    </message>
    <message>
        <source>input sensitivity |∂ŷ/∂x|</source>
        <translation>入力の感度 |∂ŷ/∂x|</translation>
    </message>
    <message>
        <source>state gradient</source>
        <translation>状態の勾配</translation>
    </message>
    <message>
        <source>input sensitivity</source>
        <translation>入力の感度</translation>
    </message>
    <message>
        <source>Which prediction: the series step it predicts (auto: the first held-out one, or the first after the rollout&apos;s warm-up)</source>
        <translation>どの予測か：予測する系列のステップ（自動：検証部分の最初、またはロールアウトのウォームアップ直後）</translation>
    </message>
    <message>
        <source>How many steps back to follow a stateful network (auto: its warm-up); a window network looks back over its window</source>
        <translation>ステートフルなネットワークで何ステップさかのぼるか（自動：ウォームアップの長さ）。ウィンドウのネットワークはウィンドウの範囲をさかのぼります</translation>
    </message>
    <message>
        <source>What reaches back: the loss&apos;s gradient at each earlier hidden state, or how much each earlier input moves the prediction</source>
        <translation>さかのぼって届くもの：各時点の隠れ状態での損失の勾配、または各時点の入力が予測をどれだけ動かすか</translation>
    </message>
    <message>
        <source>Which recurrent layer&apos;s hidden state</source>
        <translation>どの再帰層の隠れ状態か</translation>
    </message>
    <message>
        <source>Epochs x steps back</source>
        <translation>エポック × さかのぼるステップ</translation>
    </message>
    <message>
        <source>Every kept epoch as a row: see the reach grow (or not) as the network learns</source>
        <translation>保持したすべてのエポックを行として表示：学習につれて届く範囲が伸びる（伸びない）様子が見えます</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Prediction of step</source>
        <translation>予測するステップ</translation>
    </message>
    <message>
        <source>looking back</source>
        <translation>さかのぼる</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Memory: gradients through time</source>
        <translation>記憶：時間をさかのぼる勾配</translation>
    </message>
    <message>
        <source>The prediction of step {step} from the {values} values before it; 0 steps back is the step that makes it.</source>
        <translation>ステップ {step} の予測（その前の {values} 個の値から）。0 ステップ前は、予測を出すステップです。</translation>
    </message>
    <message>
        <source>steps back from step {step}</source>
        <translation>ステップ {step} からさかのぼるステップ数</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>steps back</source>
        <translation>さかのぼるステップ数</translation>
    </message>
    <message>
        <source>size (log scale)</source>
        <translation>大きさ（対数目盛り）</translation>
    </message>
    <message>
        <source>replayed epoch</source>
        <translation>再生中のエポック</translation>
    </message>
    <message>
        <source>log10 size</source>
        <translation>log10 の大きさ</translation>
    </message>
    <message>
        <source>, layer {layer}</source>
        <translation>、層 {layer}</translation>
    </message>
    <message>
        <source>Memory: {quantity}</source>
        <translation>記憶：{quantity}</translation>
    </message>
    <message>
        <source>{run}: replayed epoch</source>
        <translation>{run}：再生中のエポック</translation>
    </message>
    <message>
        <source>{run}: last epoch</source>
        <translation>{run}：最後のエポック</translation>
    </message>
    <message>
        <source>epoch {epoch}, {steps} steps back: {value}</source>
        <translation>エポック {epoch}、{steps} ステップ前：{value}</translation>
    </message>
    <message>
        <source>{steps} steps back: {value}</source>
        <translation>{steps} ステップ前：{value}</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>真の値</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>将来予測</translation>
    </message>
    <message>
        <source>closed loop (solid)</source>
        <translation>閉ループ（実線）</translation>
    </message>
    <message>
        <source>one step (dashed)</source>
        <translation>1 ステップ先（破線）</translation>
    </message>
    <message>
        <source>{run}: one-step</source>
        <translation>{run}：1 ステップ先</translation>
    </message>
    <message>
        <source>{level} % interval</source>
        <translation>{level} % 区間</translation>
    </message>
    <message>
        <source>spread of {count} seeds</source>
        <translation>{count} 個のシードのばらつき</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>予測</translation>
    </message>
    <message>
        <source>{run}: forecast</source>
        <translation>{run}：将来予測</translation>
    </message>
    <message>
        <source>cell state c</source>
        <translation>セル状態 c</translation>
    </message>
    <message>
        <source>hidden state h</source>
        <translation>隠れ状態 h</translation>
    </message>
    <message>
        <source>hidden activations</source>
        <translation>隠れ層の活性</translation>
    </message>
    <message>
        <source>input gate</source>
        <translation>入力ゲート</translation>
    </message>
    <message>
        <source>forget gate</source>
        <translation>忘却ゲート</translation>
    </message>
    <message>
        <source>output gate</source>
        <translation>出力ゲート</translation>
    </message>
    <message>
        <source>update gate</source>
        <translation>更新ゲート</translation>
    </message>
    <message>
        <source>reset gate</source>
        <translation>リセットゲート</translation>
    </message>
    <message>
        <source>candidate gate</source>
        <translation>候補ゲート</translation>
    </message>
    <message>
        <source>Which inner quantity to show</source>
        <translation>ネットワーク内部のどの量を表示するか</translation>
    </message>
    <message>
        <source>Which hidden layer</source>
        <translation>どの隠れ層か</translation>
    </message>
    <message>
        <source>A seed ensemble: whose states to show (each seed&apos;s network on the ensemble&apos;s closed loop), or all side by side</source>
        <translation>シードのアンサンブル：どのシードの状態を表示するか（アンサンブルの閉ループ上での各シードのネットワーク）、または全部を並べて</translation>
    </message>
    <message>
        <source>Units to show: &apos;{auto}&apos; (the {count} that vary most along the closed loop, or all when there are no more), &apos;all&apos;, or indices and ranges such as 0-4, 7</source>
        <translation>表示するユニット：&apos;{auto}&apos;（閉ループに沿って最もよく変化する {count} 個、それより少なければ全部）、&apos;all&apos;、または 0-4, 7 のような番号と範囲</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Show units x steps as a heatmap instead of lines</source>
        <translation>線の代わりに、ユニット × ステップをヒートマップで表示します</translation>
    </message>
    <message>
        <source>Each unit scaled</source>
        <translation>ユニットごとの目盛り</translation>
    </message>
    <message>
        <source>Colour each unit on its own scale (its largest size = full colour), so one large unit does not wash out the others; hover still reads the true value</source>
        <translation>ユニットごとに別の目盛りで色付けします（そのユニットの最大の大きさ = 最も濃い色）。大きなユニット 1 つのせいでほかが薄くならないように。ホバーでは本当の値が読めます</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>closed loop →</source>
        <translation>閉ループ →</translation>
    </message>
    <message>
        <source>unit {unit}</source>
        <translation>ユニット {unit}</translation>
    </message>
    <message>
        <source>seed {seed} unit {unit}</source>
        <translation>シード {seed} ユニット {unit}</translation>
    </message>
    <message>
        <source>{unit}: {value} at {where}</source>
        <translation>{unit}：{where} で {value}</translation>
    </message>
    <message>
        <source>, seed {seed}</source>
        <translation>、シード {seed}</translation>
    </message>
    <message>
        <source>States: {quantity}, layer {layer}</source>
        <translation>状態：{quantity}、層 {layer}</translation>
    </message>
    <message>
        <source>of the unit&apos;s largest</source>
        <translation>ユニットの最大に対する割合</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>ユニット</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>Previous recorded epoch</source>
        <translation>前の記録済みエポック</translation>
    </message>
    <message>
        <source>Next recorded epoch</source>
        <translation>次の記録済みエポック</translation>
    </message>
    <message>
        <source>Replay the training epoch by epoch</source>
        <translation>学習をエポックごとに再生します</translation>
    </message>
    <message>
        <source>Show the model as it was after this epoch</source>
        <translation>このエポックのあとのモデルを表示します</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>no epochs recorded yet</source>
        <translation>記録されたエポックはまだありません</translation>
    </message>
    <message>
        <source>, {count} recorded</source>
        <translation>、記録 {count} 件</translation>
    </message>
    <message>
        <source> (newest)</source>
        <translation>（最新）</translation>
    </message>
    <message>
        <source> - the model&apos;s weights (best validation)</source>
        <translation> - モデルの重み（検証で最良）</translation>
    </message>
    <message>
        <source> - the model keeps epoch {epoch}</source>
        <translation> - モデルが保持するのはエポック {epoch}</translation>
    </message>
    <message>
        <source> - refit on every sample from epoch {epoch}</source>
        <translation> - エポック {epoch} から全サンプルで再学習</translation>
    </message>
    <message>
        <source> - best validation: the refit started here</source>
        <translation> - 検証で最良：再学習はここから</translation>
    </message>
    <message>
        <source>{epoch} of {last}</source>
        <translation>{epoch} / {last}</translation>
    </message>
    <message>
        <source>Early stopping kept the weights of epoch {epoch}, the lowest validation loss; later epochs are shown to replay how the network overfitted</source>
        <translation>早期終了により、検証損失が最小のエポック {epoch} の重みを保持しました。それ以降のエポックは、ネットワークが過学習していく様子を再生するために表示しています</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>サイン波</translation>
    </message>
    <message>
        <source>pulse</source>
        <translation>パルス</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>発散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>開いた</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>ラン</translation>
    </message>
    <message>
        <source>Tick to overlay this run in the plots; double-click to rename</source>
        <translation>チェックでこのランをグラフに重ねて表示。ダブルクリックで名前を変更</translation>
    </message>
    <message>
        <source>Layer type, layers x units</source>
        <translation>層の種類、層数 x ユニット数</translation>
    </message>
    <message>
        <source>The series it learned</source>
        <translation>学習した系列</translation>
    </message>
    <message>
        <source>Epochs trained</source>
        <translation>学習したエポック数</translation>
    </message>
    <message>
        <source>Final training loss</source>
        <translation>最後の学習損失</translation>
    </message>
    <message>
        <source>Best loss</source>
        <translation>最良の損失</translation>
    </message>
    <message>
        <source>Lowest training loss of any epoch</source>
        <translation>全エポックで最小の学習損失</translation>
    </message>
    <message>
        <source>Val loss</source>
        <translation>検証損失</translation>
    </message>
    <message>
        <source>Final validation loss</source>
        <translation>最後の検証損失</translation>
    </message>
    <message>
        <source>Best val</source>
        <translation>最良の検証損失</translation>
    </message>
    <message>
        <source>Lowest validation loss of any epoch</source>
        <translation>全エポックで最小の検証損失</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>学習時間</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>training, finished, stopped, diverged, failed or opened</source>
        <translation>学習中、完了、停止、発散、失敗、開いた のいずれか</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Where it is saved (* = unsaved changes)</source>
        <translation>保存先（* = 保存していない変更あり）</translation>
    </message>
    <message>
        <source>Edit as new</source>
        <translation>新しいランとして編集</translation>
    </message>
    <message>
        <source>Copy the selected run&apos;s settings into the panel, for a new run</source>
        <translation>選んだランの設定をパネルにコピーして、新しいランにします</translation>
    </message>
    <message>
        <source>Train more</source>
        <translation>さらに学習</translation>
    </message>
    <message>
        <source>Continue the selected run from its current weights</source>
        <translation>選んだランを今の重みから続けて学習します</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> エポック</translation>
    </message>
    <message>
        <source>How many more epochs Train more runs</source>
        <translation>「さらに学習」で追加するエポック数</translation>
    </message>
    <message>
        <source>Locate data…</source>
        <translation>データの場所を指定…</translation>
    </message>
    <message>
        <source>The run&apos;s file does not carry its series: choose the CSV file it was trained on, to show its predictions and train it more</source>
        <translation>このランのファイルには系列が入っていません：予測を表示したり、さらに学習したりするには、学習に使った CSV ファイルを選んでください</translation>
    </message>
    <message>
        <source>Remove the selected run from the list (asks if it is unsaved)</source>
        <translation>選んだランを一覧から消します（保存していなければ確認します）</translation>
    </message>
    <message>
        <source>Tick runs to overlay them; select one to show it and replay its epochs. Double-click a name to rename.</source>
        <translation>チェックを入れたランを重ねて表示します。選んだランを表示し、そのエポックを再生できます。名前をダブルクリックすると名前を変えられます。</translation>
    </message>
    <message>
        <source>No scores: the x -&gt; y layout maps x to y; there is no forecast of a time series to score.</source>
        <translation>スコアなし：x -&gt; y レイアウトは x から y への写像で、時系列の予測ではないので採点しません。</translation>
    </message>
    <message>
        <source>No scores: the held-out part of this series is too short to score (fewer than 2 points).</source>
        <translation>スコアなし：この系列の検証部分が短すぎて採点できません（2 点未満）。</translation>
    </message>
    <message>
        <source>Train a run (or select one) to see how it scores against persistence, seasonal naive, a linear autoregression, ETS and ARIMA.</source>
        <translation>ランを学習する（または選ぶ）と、持続予測、季節ナイーブ、線形自己回帰、ETS、ARIMA と比べたスコアが表示されます。</translation>
    </message>
    <message>
        <source>Mean absolute one-step error on the held-out points, in the data&apos;s units (each prediction from true values)</source>
        <translation>検証部分での 1 ステップ先誤差の絶対値の平均。データの単位です（各予測は真の値から）</translation>
    </message>
    <message>
        <source>Root mean squared one-step error on the held-out points, in the data&apos;s units</source>
        <translation>検証部分での 1 ステップ先誤差の二乗平均平方根。データの単位です</translation>
    </message>
    <message>
        <source>MAE over the mean absolute seasonal change in the training part: below 1 beats the seasonal naive step there</source>
        <translation>学習部分での季節変化の絶対値の平均で MAE を割ったもの：1 未満なら、そこでの季節ナイーブ予測に勝っています</translation>
    </message>
    <message>
        <source>Symmetric mean absolute percentage error: the mean of 200 |error| / (|truth| + |forecast|)</source>
        <translation>対称平均絶対パーセント誤差：200 |誤差| / (|真の値| + |予測|) の平均</translation>
    </message>
    <message>
        <source>closed loop h1</source>
        <translation>閉ループ h1</translation>
    </message>
    <message>
        <source>RMSE of the first step of the closed loops run from origins in the held-out part. It differs from the one-step RMSE: only origins with a whole horizon after them count (not the last points), at most a few hundred of them, and each closed loop starts afresh from its warm-up (a stateful network from a zero state), where the one-step predictions run on through the series</source>
        <translation>検証部分の起点から走らせた閉ループの、最初のステップの RMSE。1 ステップ先の RMSE とは違います：ホライズン全体が後ろに残る起点だけが数えられ（最後の数点は入りません）、多くても数百個で、各閉ループはウォームアップから新しく始まります（ステートフルなネットワークはゼロの状態から）。一方、1 ステップ先予測は系列をずっと通して進みます</translation>
    </message>
    <message>
        <source>closed loop h</source>
        <translation>閉ループ h</translation>
    </message>
    <message>
        <source>RMSE after H steps of feeding the predictions back, from the same origins: how far the forecast drifts over the horizon</source>
        <translation>同じ起点から予測を H ステップ入力に戻したあとの RMSE：ホライズンの間に予測がどれだけずれていくか</translation>
    </message>
    <message>
        <source>On the held-out points. MAE, RMSE: one-step errors in the data&apos;s units. MASE: MAE over the mean absolute seasonal change in the training part (below 1 beats the seasonal naive step there). sMAPE: symmetric mean absolute percentage error. Closed loop: RMSE when predictions are fed back, 1 and H steps ahead. Best in bold.</source>
        <translation>検証部分での値です。MAE、RMSE：データの単位での 1 ステップ先の誤差。MASE：学習部分での季節変化の絶対値の平均で MAE を割ったもの（1 未満ならそこでの季節ナイーブ予測に勝っています）。sMAPE：対称平均絶対パーセント誤差。閉ループ：予測を入力に戻したときの、1 ステップ先と H ステップ先の RMSE。最良の値は太字です。</translation>
    </message>
    <message>
        <source>Closed-loop error against horizon</source>
        <translation>ホライズンごとの閉ループ誤差</translation>
    </message>
    <message>
        <source>steps ahead</source>
        <translation>何ステップ先か</translation>
    </message>
    <message>
        <source>RMSE (log scale)</source>
        <translation>RMSE（対数目盛り）</translation>
    </message>
    <message>
        <source>Closed-loop RMSE at each horizon; the colours are those of the names in the table (the network solid, the baselines dashed)</source>
        <translation>各ホライズンでの閉ループ RMSE。色は表の名前の色です（ネットワークは実線、ベースラインは破線）</translation>
    </message>
    <message>
        <source>Computing the scores…</source>
        <translation>スコアを計算中…</translation>
    </message>
    <message>
        <source>Epoch {epoch} trained on the validation part too (the refit on every sample after early stopping): these are the scores of epoch {kept}&apos;s weights, which never saw it. </source>
        <translation>エポック {epoch} は検証部分でも学習しています（早期終了後の全サンプルでの再学習）。ここのスコアは、検証部分を見ていないエポック {kept} の重みのものです。</translation>
    </message>
    <message>
        <source> ETS and ARIMA: {note}.</source>
        <translation> ETS と ARIMA：{note}。</translation>
    </message>
    <message>
        <source>Held out: {held_out}, from {where}; {units}in the data&apos;s own units. Season {season} ({season_note}).</source>
        <translation>検証用に取っておいた部分：{held_out}、{where} から。{units}データの単位です。季節 {season}（{season_note}）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>{level} % intervals covered {covered} %</source>
        <translation>{level} % 区間の被覆率 {covered} %</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backtest over {origins} origins&lt;/b&gt; (retrained at each; mean ± spread): </source>
        <translation>&lt;b&gt;{origins} 個の起点でのバックテスト&lt;/b&gt;（起点ごとに再学習；平均 ± ばらつき）：</translation>
    </message>
    <message>
        <source>Prediction intervals from its errors: {coverage} (leaving one origin out).</source>
        <translation>その誤差から求めた予測区間：{coverage}（起点を 1 つずつ除いて）。</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>ステップ {n}</translation>
    </message>
    <message>
        <source>RNN Studio sessions (*.rnnsession)</source>
        <translation>RNN Studio のセッション (*.rnnsession)</translation>
    </message>
    <message>
        <source>The session could not be opened: {message}</source>
        <translation>セッションを開けませんでした：{message}</translation>
    </message>
    <message>
        <source>There is no run to keep in a session yet: train or open one first</source>
        <translation>セッションに残すランがまだありません：先にランを学習するか開いてください</translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation>セッションを保存</translation>
    </message>
    <message>
        <source>Saved the session to {file}: {runs}</source>
        <translation>セッションを {file} に保存しました：{runs}</translation>
    </message>
    <message>
        <source>run</source>
        <translation>ラン</translation>
    </message>
    <message>
        <source>Open a session</source>
        <translation>セッションを開く</translation>
    </message>
    <message>
        <source>Opening the session {file}…</source>
        <translation>セッション {file} を開いています…</translation>
    </message>
    <message>
        <source>Opened the session {file}: {runs}</source>
        <translation>セッション {file} を開きました：{runs}</translation>
    </message>
    <message>
        <source>Every combination of the values below, trained from “{recipe}” as it is in the panel.</source>
        <translation>下の値のすべての組み合わせを、パネルにある「{recipe}」から学習します。</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>変える項目</translation>
    </message>
    <message>
        <source>and</source>
        <translation>と</translation>
    </message>
    <message>
        <source>over the values</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Seeds per combination</source>
        <translation>組み合わせごとのシード数</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>ワーカープロセス</translation>
    </message>
    <message>
        <source>A sweep is running: wait for it or stop it (Shift+F5) first</source>
        <translation>スイープの実行中です：終わるのを待つか、停止（Shift+F5）してください</translation>
    </message>
    <message>
        <source>Sweep: the panel&apos;s experiment is not valid yet; fix the fields marked in red first</source>
        <translation>スイープ：パネルの実験がまだ正しくありません。先に赤く示された項目を直してください</translation>
    </message>
    <message>
        <source>The sweep stopped: {error}</source>
        <translation>スイープが止まりました：{error}</translation>
    </message>
    <message>
        <source>Sweep: {runs} runs on {workers} worker processes…</source>
        <translation>スイープ：{runs} 個のランを {workers} 個のワーカープロセスで…</translation>
    </message>
    <message>
        <source>Sweep stopped: the runs finished so far are in the list</source>
        <translation>スイープを停止しました：ここまでに終わったランは一覧にあります</translation>
    </message>
    <message>
        <source>Sweep finished: its runs are in the list</source>
        <translation>スイープが終わりました：そのランは一覧にあります</translation>
    </message>
    <message>
        <source>Sweep run {number} ({settings}) failed: {error}</source>
        <translation>スイープのラン {number}（{settings}）が失敗しました：{error}</translation>
    </message>
    <message>
        <source>closed-loop RMSE (the rollout)</source>
        <translation>閉ループ RMSE（ロールアウト）</translation>
    </message>
    <message>
        <source>one-step RMSE (held out)</source>
        <translation>1 ステップ先 RMSE（検証部分）</translation>
    </message>
    <message>
        <source>final training loss</source>
        <translation>最後の学習損失</translation>
    </message>
    <message>
        <source>Each run of the sweep is a point: its final error (pick which) against the first varied field; one line per value of the second field, through the mean over the seeds. The runs themselves are in the Runs list: tick them to overlay, select one to replay it.</source>
        <translation>スイープの各ランが 1 つの点です：最終的な誤差（どれかを選べます）を、1 つ目に変えた項目に対して描きます。2 つ目の項目の値ごとに 1 本の線で、シードの平均を通ります。ラン自体は「ラン」の一覧にあります：チェックで重ね表示、選ぶと再生できます。</translation>
    </message>
    <message>
        <source>No sweep yet: Training &gt; Sweep… trains a grid of runs.</source>
        <translation>まだスイープはありません：「学習 &gt; スイープ…」でランの格子を学習させます。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>誤差</translation>
    </message>
    <message>
        <source>error</source>
        <translation>誤差</translation>
    </message>
    <message>
        <source>{done} of {runs} runs done</source>
        <translation>{runs} 個中 {done} 個のランが完了</translation>
    </message>
    <message>
        <source>Sweep: {metric} against {field}</source>
        <translation>スイープ：{field} に対する {metric}</translation>
    </message>
    <message>
        <source>Trained more with a fresh optimizer: the optimizer&apos;s state (momentum, step counts) is not kept in model files</source>
        <translation>新しい最適化手法でさらに学習しました：最適化手法の状態（モーメンタム、ステップ数）はモデルファイルに保存されません</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>{rate} epochs/s, {left} left</source>
        <translation>{rate} エポック/秒、残り {left}</translation>
    </message>
    <message>
        <source>compiling the training step…</source>
        <translation>学習ステップをコンパイル中…</translation>
    </message>
    <message>
        <source>{state} in {time}</source>
        <translation>{state}（{time}）</translation>
    </message>
    <message>
        <source>; best epoch {epoch}, then {count} epochs of refit on every sample</source>
        <translation>；最良はエポック {epoch}、その後全サンプルで {count} エポック再学習</translation>
    </message>
    <message>
        <source>; stopped early, kept epoch {epoch} (best validation)</source>
        <translation>；早期終了、エポック {epoch} を保持（検証で最良）</translation>
    </message>
    <message>
        <source>The training process ended unexpectedly after epoch {epoch}. The run keeps its epochs so far: Train more goes on from there.</source>
        <translation>学習プロセスがエポック {epoch} の後で予期せず終了しました。ここまでのエポックは実行に残っています。「さらに学習」でそこから続けられます。</translation>
    </message>
    <message>
        <source>Kept the weights of epoch {epoch}.</source>
        <translation>エポック {epoch} の重みを保持しました。</translation>
    </message>
    <message>
        <source>No epoch finished: nothing to keep.</source>
        <translation>終わったエポックがありません：保持するものはありません。</translation>
    </message>
    <message>
        <source>Training diverged after epoch {epoch} (the loss became NaN or infinite).</source>
        <translation>エポック {epoch} のあと、学習が発散しました（損失が NaN か無限大になりました）。</translation>
    </message>
    <message>
        <source>Likely cause: {cause}.</source>
        <translation>考えられる原因：{cause}。</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>学習に失敗しました：{message}</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new experiment in the panel (the runs stay in the list)</source>
        <translation>パネルで新しい実験を始めます（ランは一覧に残ります）</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved model as a run</source>
        <translation>保存したモデルをランとして開きます</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the selected run</source>
        <translation>選んだランを保存します</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the selected run to a new file</source>
        <translation>選んだランを新しいファイルに保存します</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit RNN Studio</source>
        <translation>RNN Studio を終了します</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>Train the panel&apos;s experiment as a new run</source>
        <translation>パネルの実験を新しいランとして学習します</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume training between epochs</source>
        <translation>エポックの合間で学習を一時停止・再開します</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop training after the current batch (and a sweep at once)</source>
        <translation>今のバッチのあとで学習を止めます（スイープはすぐに）</translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>スイープ(&amp;W)…</translation>
    </message>
    <message>
        <source>Train the panel&apos;s experiment over a grid of field values, in worker processes</source>
        <translation>パネルの実験を、項目の値の格子で、ワーカープロセスを使って学習します</translation>
    </message>
    <message>
        <source>&amp;Backtest…</source>
        <translation>バックテスト(&amp;B)…</translation>
    </message>
    <message>
        <source>Retrain the selected run&apos;s experiment at several origins of its held-out part: does the result hold? (and prediction intervals)</source>
        <translation>選んだランの実験を、検証部分のいくつかの起点で学習し直します：結果は保たれるか？（予測区間も）</translation>
    </message>
    <message>
        <source>&amp;Auto…</source>
        <translation>自動選択(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose the panel&apos;s network by backtest: it and a few variants (the other cell, a linear highway on or off, half the units, the other scaling), in worker processes</source>
        <translation>バックテストでパネルのネットワークを選びます：今の設定といくつかの変形（もう一方のセル、線形ハイウェイの有無の入れ替え、ユニット数半分、もう一方のスケーリング）を、ワーカープロセスで</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open s&amp;ession…</source>
        <translation>セッションを開く(&amp;E)…</translation>
    </message>
    <message>
        <source>Open a session file: its runs join these, overlaid and shown as they were</source>
        <translation>セッションファイルを開きます：そのランがここに加わり、重ね表示も表示も元のとおりになります</translation>
    </message>
    <message>
        <source>Save se&amp;ssion…</source>
        <translation>セッションを保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Keep every run of the window in one file, as shown: names, colours, overlays, the selected run and epoch</source>
        <translation>ウィンドウのすべてのランを、表示しているままの状態で 1 つのファイルに保存します：名前、色、重ね表示、選んでいるランとエポック</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts</source>
        <translation>キーボードショートカットの一覧</translation>
    </message>
    <message>
        <source>&amp;About RNN Studio</source>
        <translation>RNN Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>Versions of RNN Studio, Qt, TensorFlow and Keras</source>
        <translation>RNN Studio、Qt、TensorFlow、Keras のバージョン</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Train (F5): waiting for TensorFlow to finish loading</source>
        <translation>学習（F5）：TensorFlow の読み込みが終わるのを待っています</translation>
    </message>
    <message>
        <source>Train (F5): one run trains at a time; wait for it or stop it</source>
        <translation>学習（F5）：学習できるランは一度に 1 つです。終わるのを待つか、停止してください</translation>
    </message>
    <message>
        <source>Train (F5): waiting for the CSV file to be read</source>
        <translation>学習（F5）：CSV ファイルの読み込みを待っています</translation>
    </message>
    <message>
        <source>Train the panel&apos;s experiment as a new run (F5)</source>
        <translation>パネルの実験を新しいランとして学習します（F5）</translation>
    </message>
    <message>
        <source>Train (F5): fix the fields marked in red first</source>
        <translation>学習（F5）：先に赤く示された項目を直してください</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>このメッセージを隠す</translation>
    </message>
    <message>
        <source>epoch %v/%m</source>
        <translation>エポック %v/%m</translation>
    </message>
    <message>
        <source>Epochs done out of the experiment&apos;s epochs</source>
        <translation>実験のエポック数のうち、終わったエポック数</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop waiting for this file</source>
        <translation>このファイルを待つのをやめます</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システムの設定</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Runs &amp;area</source>
        <translation>ランの領域(&amp;A)</translation>
    </message>
    <message>
        <source>Show or fold the Runs, Scores and Sweep area under the plots (Ctrl+J); clicking its open tab folds it too</source>
        <translation>グラフの下の「ラン」「スコア」「スイープ」の領域を表示するか、たたみます（Ctrl+J）。開いているタブをクリックしてもたためます</translation>
    </message>
    <message>
        <source>Runs ({count})</source>
        <translation>ラン（{count}）</translation>
    </message>
    <message>
        <source>Better than persistence at {wins} of {count} origins.</source>
        <translation>{count} 個の起点のうち {wins} 個で持続予測より良い結果です。</translation>
    </message>
    <message>
        <source> Better than {best} (the best statistical forecast on average) at {wins} of {count}; on average its error is {change}</source>
        <translation>{best}（平均で最良の統計的予測）より良いのは {count} 個中 {wins} 個で、誤差は平均で{change}</translation>
    </message>
    <message>
        <source>: here the network adds nothing over it.</source>
        <translation>：ここではネットワークは何も上乗せしていません。</translation>
    </message>
    <message>
        <source>the validation part</source>
        <translation>検証部分</translation>
    </message>
    <message>
        <source>the last 20 % of the series (no validation part)</source>
        <translation>系列の最後の 20 %（検証部分なし）</translation>
    </message>
    <message>
        <source>set in the experiment</source>
        <translation>実験で指定</translation>
    </message>
    <message>
        <source>detected from the autocorrelation</source>
        <translation>自己相関から検出</translation>
    </message>
    <message>
        <source>none found: seasonal naive = persistence</source>
        <translation>見つからず：季節ナイーブ = 持続予測</translation>
    </message>
    <message>
        <source>ETS and ARIMA left out</source>
        <translation>ETS と ARIMA は省略</translation>
    </message>
    <message>
        <source>The network&apos;s one-step error (MAE) is {percent} % lower than persistence&apos;s (the last value).</source>
        <translation>ネットワークの 1 ステップ先の誤差（MAE）は、持続予測（最後の値）より {percent} % 小さくなっています。</translation>
    </message>
    <message>
        <source>The network&apos;s one-step error (MAE) is {change} than persistence&apos;s: the last value forecasts better.</source>
        <translation>ネットワークの 1 ステップ先の誤差（MAE）は、持続予測より{change}：最後の値のほうがよく予測しています。</translation>
    </message>
    <message>
        <source> It beats the best statistical forecast, {best}, by {percent} %.</source>
        <translation>最良の統計的予測である {best} にも {percent} % 勝っています。</translation>
    </message>
    <message>
        <source> The best statistical forecast, {best}, is better ({change} for the network): here the network adds nothing over it.</source>
        <translation>最良の統計的予測である {best} のほうが良い結果です（ネットワークは{change}）：ここではネットワークは何も上乗せしていません。</translation>
    </message>
    <message>
        <source>network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>persistence</source>
        <translation>持続予測</translation>
    </message>
    <message>
        <source>seasonal naive</source>
        <translation>季節ナイーブ</translation>
    </message>
    <message>
        <source>linear AR</source>
        <translation>線形 AR</translation>
    </message>
    <message>
        <source>{percent} % higher</source>
        <translation>{percent} % 大きい</translation>
    </message>
    <message>
        <source>{percent} % lower</source>
        <translation>{percent} % 小さい</translation>
    </message>
    <message>
        <source>about the same ({change})</source>
        <translation>ほぼ同じ（{change}）</translation>
    </message>
    <message>
        <source>must be one of {options}</source>
        <translation>{options} のいずれかでなければなりません</translation>
    </message>
    <message>
        <source>must be a whole number from {low} to {high}</source>
        <translation>{low} から {high} までの整数でなければなりません</translation>
    </message>
    <message>
        <source>must be a number greater than 0</source>
        <translation>0 より大きい数でなければなりません</translation>
    </message>
    <message>
        <source>must be a number from {low} to {high}</source>
        <translation>{low} から {high} までの数でなければなりません</translation>
    </message>
    <message>
        <source>must name a CSV file</source>
        <translation>CSV ファイルを指定してください</translation>
    </message>
    <message>
        <source>must be a column name or a 0-based index</source>
        <translation>列名か、0 から数えた番号でなければなりません</translation>
    </message>
    <message>
        <source>a column index must be 0 or more</source>
        <translation>列の番号は 0 以上でなければなりません</translation>
    </message>
    <message>
        <source>a pulse period must be a whole number of samples from 2 to 100000</source>
        <translation>パルスの周期は 2 から 100000 までの整数（サンプル数）でなければなりません</translation>
    </message>
    <message>
        <source>must be a whole number from 1 to {most} (less than the period)</source>
        <translation>1 から {most} までの整数（周期より小さい数）でなければなりません</translation>
    </message>
    <message>
        <source>must be at most {most} for a series of {length} values</source>
        <translation>値が {length} 個の系列では {most} 以下でなければなりません</translation>
    </message>
    <message>
        <source>must list 1 to 64 shifts, each a whole number 0 or more</source>
        <translation>シフトを 1 個から 64 個、それぞれ 0 以上の整数で並べてください</translation>
    </message>
    <message>
        <source>must divide the series length {length} for stateful chunks</source>
        <translation>ステートフルな区切りでは、系列の長さ {length} を割り切れなければなりません</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>true か false でなければなりません</translation>
    </message>
    <message>
        <source>the xy layout maps x to y as it is; use false</source>
        <translation>xy レイアウトは x をそのまま y に写します：false にしてください</translation>
    </message>
    <message>
        <source>difference needs the windows layout, not {layout}</source>
        <translation>difference には {layout} ではなく windows レイアウトが必要です</translation>
    </message>
    <message>
        <source>difference needs a window of at least 2 values</source>
        <translation>difference には 2 個以上の値のウィンドウが必要です</translation>
    </message>
    <message>
        <source>the xy layout maps x to y unscaled; use none</source>
        <translation>xy レイアウトは x をスケーリングせずに y に写します：none にしてください</translation>
    </message>
    <message>
        <source>a Dense MLP needs the windows or xy layout, not {layout}</source>
        <translation>Dense MLP には {layout} ではなく windows か xy のレイアウトが必要です</translation>
    </message>
    <message>
        <source>the xy layout maps x to y and needs the Dense MLP</source>
        <translation>xy レイアウトは x を y に写すので、Dense MLP が必要です</translation>
    </message>
    <message>
        <source>must be a number greater than 0 and at most 10</source>
        <translation>0 より大きく 10 以下の数でなければなりません</translation>
    </message>
    <message>
        <source>needs a validation part to watch: set train.validation_fraction above 0, or 0 to turn it off</source>
        <translation>見張る検証部分が必要です：検証（train.validation_fraction）を 0 より大きくするか、ここを 0 にして使わないでください</translation>
    </message>
    <message>
        <source>must equal the number of streams ({streams}) so each batch row continues its own stream</source>
        <translation>ストリームの数（{streams}）と同じでなければなりません。バッチの各行がそれぞれのストリームを続けるためです</translation>
    </message>
    <message>
        <source>must be 0 for stateful chunks (every chunk carries state to the next)</source>
        <translation>ステートフルな区切りでは 0 でなければなりません（どの区切りも次へ状態を引き継ぐため）</translation>
    </message>
    <message>
        <source>free running</source>
        <translation>自走</translation>
    </message>
    <message>
        <source>scheduled sampling</source>
        <translation>スケジュールドサンプリング</translation>
    </message>
    <message>
        <source>its chunks carry state from batch to batch, and its closed-loop rollout is already one long free run</source>
        <translation>その区切りはバッチからバッチへ状態を引き継ぎ、閉ループのロールアウトはすでに 1 本の長い自走だからです</translation>
    </message>
    <message>
        <source>it maps x to y, with no past to feed back</source>
        <translation>x を y に写すだけで、入力に戻す過去がないからです</translation>
    </message>
    <message>
        <source>{mode} needs the windows or sequence layout; the {layout} layout trains with teacher forcing only: {why}</source>
        <translation>{mode}には windows か sequence のレイアウトが必要です。{layout} レイアウトは教師強制でしか学習しません：{why}</translation>
    </message>
    <message>
        <source>{mode} trains a single network: each member of a seed ensemble would need its own fed-back inputs; use model.members = 1</source>
        <translation>{mode}で学習できるネットワークは 1 つだけです：シードのアンサンブルでは、各メンバーがそれぞれ自分の予測を入力に戻す必要があります。シード数（model.members）を 1 にしてください</translation>
    </message>
    <message>
        <source>{mode} feeds back values, and the difference scaling&apos;s network predicts changes; use the none, standard or minmax scaling</source>
        <translation>{mode}は値を入力に戻しますが、difference スケーリングのネットワークは変化量を予測します：none、standard、minmax のいずれかのスケーリングにしてください</translation>
    </message>
    <message>
        <source>the sequence layout feeds back within its window: at most samples.window ({window})</source>
        <translation>sequence レイアウトはウィンドウの中で入力に戻します：ウィンドウ（samples.window = {window}）以下にしてください</translation>
    </message>
    <message>
        <source>makes {count} samples of {each} values ({values} values, {gb} GB); at most {most} values fit in memory: use a shorter window or series</source>
        <translation>値 {each} 個のサンプルが {count} 個できます（値 {values} 個、{gb} GB）。メモリーに収まるのは値 {most} 個までです：ウィンドウか系列を短くしてください</translation>
    </message>
    <message>
        <source>gives {weights} weights; at most {most} are trained: use fewer units, layers or members</source>
        <translation>重みが {weights} 個になります。学習できるのは {most} 個までです：ユニット、層、シードを減らしてください</translation>
    </message>
    <message>
        <source>, re-run over a window of {passes}</source>
        <translation>、{passes} のウィンドウで繰り返し計算</translation>
    </message>
    <message>
        <source>{steps} closed-loop steps (forecast included) would take ~{seconds} s to compute for this network ({weights} weights{rerun}); at most {most} in all</source>
        <translation>閉ループの {steps} ステップ（将来予測を含む）の計算に、このネットワーク（重み {weights} 個{rerun}）では約 {seconds} 秒かかります。全部で {most} ステップまでにしてください</translation>
    </message>
    <message>
        <source>with {layers} x {units} units records {traces} state values ({gb} GB); at most {most}: use fewer steps</source>
        <translation>{layers} x {units} ユニットでは状態の値を {traces} 個記録します（{gb} GB）。{most} 個までです：ステップ数を減らしてください</translation>
    </message>
    <message>
        <source>makes one training step take ~{seconds} s for this network ({weights} weights{over}{fed}); Stop acts between steps, so one may take at most {most} s</source>
        <translation>このネットワーク（重み {weights} 個{over}{fed}）では学習の 1 ステップに約 {seconds} 秒かかります。停止はステップの合間に効くので、1 ステップは {most} 秒までです</translation>
    </message>
    <message>
        <source> over {steps} time steps</source>
        <translation>、{steps} 時間ステップ</translation>
    </message>
    <message>
        <source>, run {passes} times on its own predictions</source>
        <translation>、自分の予測で {passes} 回実行</translation>
    </message>
    <message>
        <source>{what}: at most {fit} samples per batch here</source>
        <translation>{what}：ここでは 1 バッチ {fit} サンプルまでです</translation>
    </message>
    <message>
        <source>with {batch} per batch {what}: use a shorter window or fewer units, layers or members</source>
        <translation>1 バッチ {batch} サンプルでは、{what}：ウィンドウを短くするか、ユニット、層、シードを減らしてください</translation>
    </message>
    <message>
        <source>with {batch} per batch {what}: use fewer units, layers or members</source>
        <translation>1 バッチ {batch} サンプルでは、{what}：ユニット、層、シードを減らしてください</translation>
    </message>
    <message>
        <source>the xy layout maps x to y; it has no forecast (use 0)</source>
        <translation>xy レイアウトは x を y に写すので、将来予測はありません（0 にしてください）</translation>
    </message>
    <message>
        <source>start + warmup must be at most the series length {length}</source>
        <translation>開始位置 + ウォームアップは系列の長さ {length} 以下でなければなりません</translation>
    </message>
    <message>
        <source>{file}: has no header row, so column {column} cannot be found; give a 0-based index</source>
        <translation>{file}：見出しの行がないので、列 {column} を見つけられません。0 から数えた番号で指定してください</translation>
    </message>
    <message>
        <source>{file}: no column named {column}; columns: {columns}</source>
        <translation>{file}：{column} という名前の列はありません。列：{columns}</translation>
    </message>
    <message>
        <source>{file}: column index {index} is out of range; the file has {width} columns (0 to {last})</source>
        <translation>{file}：列の番号 {index} は範囲外です。このファイルの列は {width} 個です（0 から {last}）</translation>
    </message>
    <message>
        <source>{file}, line {line}: {cell} in column {column} is not a number{hint}</source>
        <translation>{file}、{line} 行目：列 {column} の {cell} は数値ではありません{hint}</translation>
    </message>
    <message>
        <source>{file}, line {line}: {cell} is not a finite number</source>
        <translation>{file}、{line} 行目：{cell} は有限の数ではありません</translation>
    </message>
    <message>
        <source>{file}, line {line}: {cell} is beyond the range the network computes in (about ±3.4e38)</source>
        <translation>{file}、{line} 行目：{cell} はネットワークが計算できる範囲（約 ±3.4e38）を超えています</translation>
    </message>
    <message>
        <source> like {cell} (one format to a column)</source>
        <translation>（{cell} のような形式。1 つの列には 1 つの形式）</translation>
    </message>
    <message>
        <source>{file}, line {line}: {cell} in the date column is not a date{like}; choose Missing: drop to leave such rows out</source>
        <translation>{file}、{line} 行目：日付の列の {cell} は日付ではありません{like}。そのような行を除くには、欠けたセルを「その行を除く」にしてください</translation>
    </message>
    <message>
        <source>{file}, line {line}: missing value in column {column} (1 empty cell: line {lines}); choose Missing: interpolate or drop</source>
        <translation>{file}、{line} 行目：列 {column} に値がありません（空のセル 1 個：{lines} 行目）。欠けたセルを「補間」か「その行を除く」にしてください</translation>
    </message>
    <message>
        <source>{file}, line {line}: missing value in column {column} ({count} empty cells: lines {lines}); choose Missing: interpolate or drop</source>
        <translation>{file}、{line} 行目：列 {column} に値がありません（空のセル {count} 個：{lines} 行目）。欠けたセルを「補間」か「その行を除く」にしてください</translation>
    </message>
    <message>
        <source>{file}: needs at least 2 values, found {count}</source>
        <translation>{file}：値が 2 個以上必要ですが、{count} 個しかありません</translation>
    </message>
    <message>
        <source>the same date as line {line}: a series needs one value per date (aggregate or remove the repeated dates)</source>
        <translation>{line} 行目と同じ日付です：系列には 1 つの日付に 1 つの値が必要です（重複した日付をまとめるか除いてください）</translation>
    </message>
    <message>
        <source>before {earlier} on line {line}: the dates are out of order (sort the file by date; two date formats in one column read differently)</source>
        <translation>{line} 行目の {earlier} より前の日付です：日付の順序が乱れています（ファイルを日付で並べ替えてください。1 つの列に 2 つの日付の形式があると、読み方が変わります）</translation>
    </message>
    <message>
        <source>{file}, line {line}: {cell} is {why}</source>
        <translation>{file}、{line} 行目：{cell} は、{why}</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file}：そのようなファイルはありません</translation>
    </message>
    <message>
        <source>{file}: not a regular file</source>
        <translation>{file}：通常のファイルではありません</translation>
    </message>
    <message>
        <source>{file}: is {size} MiB; at most {most} MiB are read</source>
        <translation>{file}：{size} MiB あります。読み込むのは {most} MiB までです</translation>
    </message>
    <message>
        <source>{file}: not a UTF-8 text file ({reason} at byte {byte})</source>
        <translation>{file}：UTF-8 のテキストファイルではありません（{byte} バイト目で {reason}）</translation>
    </message>
    <message>
        <source>{file}: the file is empty</source>
        <translation>{file}：ファイルが空です</translation>
    </message>
    <message>
        <source>{file}, line {line}: longer than {size} KiB; a series has short lines (a date and a few numbers)</source>
        <translation>{file}、{line} 行目：{size} KiB より長い行です。系列の行は短いものです（日付といくつかの数値）</translation>
    </message>
    <message>
        <source>{file}: cannot be read as CSV ({reason})</source>
        <translation>{file}：CSV として読めません（{reason}）</translation>
    </message>
    <message>
        <source>{file}: has {count} columns; at most {most} are read</source>
        <translation>{file}：列が {count} 個あります。読み込むのは {most} 個までです</translation>
    </message>
    <message>
        <source>{file}: has {rows} lines after its header; a series has at most {most} values (data.length&apos;s limit): use a shorter file</source>
        <translation>{file}：見出しのあとに {rows} 行あります。系列の値は {most} 個までです（長さ data.length の上限）：もっと短いファイルを使ってください</translation>
    </message>
    <message>
        <source>{file}: has {rows} lines; a series has at most {most} values (data.length&apos;s limit): use a shorter file</source>
        <translation>{file}：{rows} 行あります。系列の値は {most} 個までです（長さ data.length の上限）：もっと短いファイルを使ってください</translation>
    </message>
    <message>
        <source> (a tab inside a value: is the file tab-separated?)</source>
        <translation>（値の中にタブがあります：タブ区切りのファイルではありませんか？）</translation>
    </message>
    <message>
        <source> (a decimal comma in a file whose numbers use a decimal point?)</source>
        <translation>（小数点にピリオドを使うファイルに、小数点のカンマがあるのでは？）</translation>
    </message>
    <message>
        <source> (a decimal point in a file whose numbers use a decimal comma?)</source>
        <translation>（小数点にカンマを使うファイルに、小数点のピリオドがあるのでは？）</translation>
    </message>
    <message>
        <source>every cell of the column is empty</source>
        <translation>列のセルがすべて空です</translation>
    </message>
    <message>
        <source>{file}: dates like {example} in column {column} read as well day first ({day}) as month first ({month}), and no date in the file says which; set the date order (data.date_order) to &apos;day first&apos; or &apos;month first&apos;</source>
        <translation>{file}：列 {column} の {example} のような日付は、日が先（{day}）とも月が先（{month}）とも読め、ファイルのどの日付からもどちらか分かりません。日付の順序（data.date_order）を「日が先」か「月が先」にしてください</translation>
    </message>
    <message>
        <source>{file}, line {line}: the date {other} is in another format than {example} in the same column {column}; two formats in one column can read days as months: write every date in one format</source>
        <translation>{file}、{line} 行目：日付 {other} は、同じ列 {column} の {example} とは別の形式です。1 つの列に 2 つの形式があると、日を月と読んでしまうことがあります：すべての日付を 1 つの形式で書いてください</translation>
    </message>
    <message>
        <source>{file}: the times in column {column} end in a time-zone name ({example}); such names are ambiguous (CST, IST...) and change with daylight saving: write them with UTC offsets (+01:00), or without a zone</source>
        <translation>{file}：列 {column} の時刻はタイムゾーン名（{example}）で終わっています。そのような名前はあいまいで（CST、IST など）、夏時間で変わります：UTC からのずれ（+01:00）で書くか、タイムゾーンなしで書いてください</translation>
    </message>
    <message>
        <source>{file}: cannot be read ({reason})</source>
        <translation>{file}：読み込めません（{reason}）</translation>
    </message>
    <message>
        <source>{file}: a number like {example} could be {decimal} (a decimal comma) or {whole} (a thousands separator), and no other number in the file says which; set the decimal mark (data.decimal) to &apos;,&apos; or &apos;.&apos;</source>
        <translation>{file}：{example} のような数は、{decimal}（小数点のカンマ）とも {whole}（桁区切り）とも読め、ファイルのほかの数からもどちらか分かりません。小数点（data.decimal）を &apos;,&apos; か &apos;.&apos; にしてください</translation>
    </message>
    <message>
        <source>{file}: a number like {example} could be {decimal} (a decimal point) or {whole} (a thousands separator), and no other number in the file says which; set the decimal mark (data.decimal) to &apos;,&apos; or &apos;.&apos;</source>
        <translation>{file}：{example} のような数は、{decimal}（小数点のピリオド）とも {whole}（桁区切り）とも読め、ファイルのほかの数からもどちらか分かりません。小数点（data.decimal）を &apos;,&apos; か &apos;.&apos; にしてください</translation>
    </message>
    <message>
        <source>the training process ended unexpectedly (exit code {code})</source>
        <translation>学習プロセスが予期せず終了しました（終了コード {code}）</translation>
    </message>
    <message>
        <source>{count} seeds trained together (the forecast is their mean; the shading, their spread)</source>
        <translation>{count} 個のシードを一緒に学習（予測はその平均、網掛けはそのばらつき）</translation>
    </message>
    <message>
        <source>the calendar&apos;s ({frequency})</source>
        <translation>カレンダーによる（{frequency}）</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>自己相関から検出</translation>
    </message>
    <message>
        <source>the autocorrelation&apos;s peak at lag {lag} does not hold once the trend is taken out</source>
        <translation>ラグ {lag} の自己相関のピークは、トレンドを除くと残らない</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>見つからない</translation>
    </message>
    <message>
        <source>two seasons of {season}</source>
        <translation>{season} の季節 2 つ分</translation>
    </message>
    <message>
        <source>a season of {season}; two would be too long</source>
        <translation>{season} の季節 1 つ分。2 つ分では長すぎる</translation>
    </message>
    <message>
        <source>shorter than the season of {season}: the series is short</source>
        <translation>季節 {season} より短い：系列が短いため</translation>
    </message>
    <message>
        <source>no season</source>
        <translation>季節なし</translation>
    </message>
    <message>
        <source>season {season} ({source})</source>
        <translation>季節 {season}（{source}）</translation>
    </message>
    <message>
        <source>no season ({source})</source>
        <translation>季節なし（{source}）</translation>
    </message>
    <message>
        <source>window {window} ({why})</source>
        <translation>ウィンドウ {window}（{why}）</translation>
    </message>
    <message>
        <source>difference scaling (the series trends)</source>
        <translation>差分スケーリング（系列にトレンドがある）</translation>
    </message>
    <message>
        <source>difference scaling (changes: a level it never saw will not throw it)</source>
        <translation>差分スケーリング（変化量を学ぶので、見たことのない水準でも崩れない）</translation>
    </message>
    <message>
        <source>LSTM of {units} units</source>
        <translation>{units} ユニットの LSTM</translation>
    </message>
    <message>
        <source>a linear highway (a linear AR on the window carries the season on over the horizon, though one step ahead it makes {percent} of persistence&apos;s error; the network corrects it)</source>
        <translation>線形ハイウェイ（ウィンドウ上の線形自己回帰は、1 ステップ先では持続予測の {percent} の誤差だが、季節を予測期間の先まで運ぶ。ネットワークはそれを補正する）</translation>
    </message>
    <message>
        <source>a linear highway (a linear AR on the window makes {percent} of persistence&apos;s error on the validation part; the network corrects it)</source>
        <translation>線形ハイウェイ（ウィンドウ上の線形自己回帰の誤差は、検証部分で持続予測の {percent}。ネットワークはそれを補正する）</translation>
    </message>
    <message>
        <source>early stopping after {patience} epochs without a lower validation loss, then a refit on every sample for a quarter of the kept epochs (the scores stay the kept epoch&apos;s)</source>
        <translation>検証損失が {patience} エポック下がらなければ早期終了し、その後、保持したエポック数の4分の1だけ全サンプルで再学習（スコアは保持エポックのまま）</translation>
    </message>
    <message>
        <source>forecasts kept at 0 or above (the series never goes below 0, and comes near it)</source>
        <translation>予測を 0 以上に保つ（系列は 0 を下回らず、0 に近づく）</translation>
    </message>
    <message>
        <source>empty cells interpolated</source>
        <translation>空のセルは補間</translation>
    </message>
    <message>
        <source>Defaults for a new CSV series: {notes}</source>
        <translation>新しい CSV 系列の既定値：{notes}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>。</translation>
    </message>
    <message>
        <source>one network (the series is long: {count} seeds would take too long)</source>
        <translation>ネットワーク 1 つ（系列が長く、{count} 個のシードでは時間がかかりすぎる）</translation>
    </message>
</context>
</TS>
